import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { initLocale } from './lib/i18n/index.svelte';
import { startRouter } from './lib/router.svelte';
import { loadMe } from './lib/session.svelte';
import { loadTaxonomy } from './lib/taxonomy.svelte';

initLocale();
startRouter();
void loadMe();
void loadTaxonomy();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
export default mount(App, { target });
