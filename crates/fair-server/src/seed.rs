//! `fair seed --demo`: writes the generated demo fair through the store.
//!
//! Ids and timestamps are derived from the seed too (UUIDv7 built from a fixed
//! clock and seeded random bits), so the same seed on the same day gives the same
//! database, ids included.

use std::collections::BTreeMap;

use anyhow::{Context, bail};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use fair_domain::Language;
use fair_seed::{DemoAccount, DemoFair, DemoOptions};
use fair_store::Store;
use fair_store::directory::BulkInsert;
use fair_store::entities::{
    I18n, StringList, booth, certification, organisation, product, sourcing_need, staff_member, user,
};
use fair_store::meta::DIRECTORY_REVISION;
use indicatif::{ProgressBar, ProgressStyle};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

/// The meta key recording that demo data was loaded.
pub const SEED_MARKER: &str = "demo_seed";

/// A demo sign-in, printed after seeding.
#[derive(Clone, Debug)]
pub struct Credential {
    pub role: String,
    pub email: String,
    pub password: String,
    pub organisation: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct SeedReport {
    pub suppliers: usize,
    pub certified_suppliers: usize,
    pub products: usize,
    pub buyers: usize,
    pub needs: usize,
    /// The fair's meeting slots, tables and interpreters.
    pub slots: usize,
    pub tables: usize,
    pub interpreters: usize,
    pub credentials: Vec<Credential>,
}

/// Deterministic ids and timestamps for one seed.
struct Ids {
    rng: ChaCha8Rng,
    clock: DateTime<Utc>,
}

impl Ids {
    fn new(seed: u64, today: NaiveDate) -> Self {
        let start = (today - Duration::days(60)).and_hms_opt(2, 0, 0).map_or_else(Utc::now, |t| t.and_utc());
        Self { rng: ChaCha8Rng::seed_from_u64(seed ^ 0x05EE_D1D5), clock: start }
    }

    /// The next id and its creation time (one second apart, in order).
    fn next(&mut self) -> (Uuid, DateTime<Utc>) {
        self.clock += Duration::seconds(1);
        let mut random = [0u8; 10];
        self.rng.fill_bytes(&mut random);
        let millis = self.clock.timestamp_millis().max(0) as u64;
        (uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid(), self.clock)
    }
}

fn texts(map: &BTreeMap<Language, String>) -> I18n {
    I18n(map.iter().map(|(lang, text)| (lang.tag().to_owned(), text.clone())).collect())
}

fn tags(languages: &[Language]) -> StringList {
    StringList(languages.iter().map(|l| l.tag().to_owned()).collect())
}

fn codes(values: &[&str]) -> StringList {
    StringList(values.iter().map(|v| (*v).to_owned()).collect())
}

fn account_user(
    account: &DemoAccount,
    id: Uuid,
    at: DateTime<Utc>,
    role: &str,
    organisation: Option<Uuid>,
    staff_role: Option<&str>,
) -> anyhow::Result<user::Model> {
    let password_hash = fair_accounts::passwords::hash_blocking(&account.password)
        .map_err(|err| anyhow::anyhow!("hashing a demo password: {err}"))?;
    Ok(user::Model {
        id,
        email: account.email.clone(),
        display_name: account.display_name.clone(),
        password_hash,
        role: role.to_owned(),
        organisation_id: organisation,
        staff_role: staff_role.map(str::to_owned),
        preferred_language: account.preferred_language.to_owned(),
        time_zone: account.time_zone.to_owned(),
        disabled: false,
        // The demo buyers agreed to be named at the booths they visit.
        presence_visible: role == "buyer",
        created_at: at,
        updated_at: at,
    })
}

fn progress(total: u64, message: &'static str, visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(message);
    bar
}

/// Generates the demo fair and writes it. Refuses if demo data is already there,
/// unless `force` (which first empties the database).
pub async fn seed_demo(
    store: &Store,
    options: &DemoOptions,
    force: bool,
    show_progress: bool,
) -> anyhow::Result<SeedReport> {
    if let Some(previous) = store.meta(SEED_MARKER).await?
        && !force
    {
        bail!("this database already holds demo data ({previous}); use --force to replace everything in it");
    }
    if force {
        store.wipe_all().await.context("emptying the database")?;
    } else if store.count_organisations("supplier").await? + store.count_organisations("buyer").await? > 0 {
        bail!(
            "this database already holds exhibitors or buyers; seed an empty database, or use --force to replace everything"
        );
    }

    let fair: DemoFair = fair_seed::generate(options);
    let mut ids = Ids::new(options.seed, options.today);
    let mut report = SeedReport::default();
    let mut credentials = Vec::new();

    // Organisers first.
    let mut organisers = BulkInsert::default();
    for account in &fair.organisers {
        let (id, at) = ids.next();
        organisers.users.push(account_user(account, id, at, "organiser", None, None)?);
        credentials.push(Credential {
            role: "organiser".to_owned(),
            email: account.email.clone(),
            password: account.password.clone(),
            organisation: None,
        });
    }
    store.insert_bulk(&organisers).await.context("writing organisers")?;

    let bar = progress((fair.suppliers.len() + fair.buyers.len()) as u64, "demo fair", show_progress);
    for chunk in fair.suppliers.chunks(100) {
        let mut batch = BulkInsert::default();
        for supplier in chunk {
            let (organisation_id, at) = ids.next();
            batch.organisations.push(organisation::Model {
                id: organisation_id,
                kind: "supplier".to_owned(),
                name: supplier.name.clone(),
                name_en: supplier.name_en.clone(),
                name_local: None,
                country: "VN".to_owned(),
                province: Some(supplier.province.to_owned()),
                industrial_park: supplier.industrial_park.map(str::to_owned),
                address: Some(supplier.address.clone()),
                website: supplier.website.clone(),
                contact_email: Some(supplier.contact_email.clone()),
                phone: Some(supplier.phone.clone()),
                employees: i32::try_from(supplier.employees).ok(),
                founded_year: Some(supplier.founded_year),
                vsic: Some(supplier.vsic.clone()),
                business_type: supplier.business_type.as_str().to_owned(),
                export_markets: codes(&supplier.export_markets),
                languages: tags(&supplier.languages),
                time_zone: "Asia/Ho_Chi_Minh".to_owned(),
                industry: None,
                headline: texts(&supplier.headline),
                about: texts(&supplier.about),
                created_at: at,
                updated_at: at,
            });
            let (booth_id, _) = ids.next();
            batch.booths.push(booth::Model {
                id: booth_id,
                organisation_id,
                slug: supplier.slug.clone(),
                hall: supplier.hall.clone(),
                stand: supplier.stand.clone(),
                online_booth: supplier.online_booth,
                published: supplier.published,
                logo_media_id: None,
                view_count: 0,
                created_at: at,
                updated_at: at,
            });
            for item in &supplier.products {
                let (id, at) = ids.next();
                batch.products.push(product::Model {
                    id,
                    organisation_id,
                    name: texts(&item.name),
                    description: texts(&item.description),
                    product_group: item.product_group.to_owned(),
                    hs_code: item.hs_code.clone(),
                    processes: codes(&item.processes),
                    materials: StringList(item.materials.clone()),
                    moq: item.moq,
                    monthly_capacity: item.monthly_capacity,
                    unit: item.unit.map(str::to_owned),
                    tolerance_um: item.tolerance_um,
                    photo_media_id: None,
                    created_at: at,
                    updated_at: at,
                });
            }
            let mut certified = false;
            for cert in &supplier.certifications {
                let (id, at) = ids.next();
                certified |= cert.valid_from <= options.today
                    && cert.valid_until >= options.today
                    && fair_domain::taxonomy::certification(cert.standard).is_some_and(|s| s.is_international_system());
                batch.certifications.push(certification::Model {
                    id,
                    organisation_id,
                    standard: cert.standard.to_owned(),
                    issuer: cert.issuer.clone(),
                    certificate_number: cert.certificate_number.clone(),
                    valid_from: Some(cert.valid_from),
                    valid_until: cert.valid_until,
                    scope: cert.scope.clone(),
                    document_media_id: None,
                    created_at: at,
                    updated_at: at,
                });
            }
            for member in &supplier.staff {
                let (id, at) = ids.next();
                let user_id = match &member.account {
                    Some((account, staff_role)) => {
                        let (user_id, at) = ids.next();
                        batch.users.push(account_user(
                            account,
                            user_id,
                            at,
                            "exhibitor",
                            Some(organisation_id),
                            Some(staff_role.as_str()),
                        )?);
                        credentials.push(Credential {
                            role: format!("exhibitor ({})", staff_role.as_str()),
                            email: account.email.clone(),
                            password: account.password.clone(),
                            organisation: Some(supplier.name.clone()),
                        });
                        Some(user_id)
                    }
                    None => None,
                };
                batch.staff.push(staff_member::Model {
                    id,
                    organisation_id,
                    user_id,
                    full_name: member.full_name.clone(),
                    job_title: Some(member.job_title.clone()),
                    email: Some(member.email.clone()),
                    phone: member.phone.clone(),
                    languages: tags(&member.languages),
                    shown_on_booth: member.shown_on_booth,
                    created_at: at,
                    updated_at: at,
                });
            }
            report.suppliers += 1;
            report.products += supplier.products.len();
            report.certified_suppliers += usize::from(certified);
        }
        store.insert_bulk(&batch).await.context("writing suppliers")?;
        bar.inc(chunk.len() as u64);
    }

    for chunk in fair.buyers.chunks(100) {
        let mut batch = BulkInsert::default();
        for buyer in chunk {
            let (organisation_id, at) = ids.next();
            batch.organisations.push(organisation::Model {
                id: organisation_id,
                kind: "buyer".to_owned(),
                name: buyer.company_name.clone(),
                name_en: None,
                name_local: buyer.company_name_local.clone(),
                country: buyer.country.to_owned(),
                province: None,
                industrial_park: None,
                address: None,
                website: buyer.website.clone(),
                contact_email: None,
                phone: None,
                employees: None,
                founded_year: None,
                vsic: None,
                business_type: "manufacturer".to_owned(),
                export_markets: StringList::default(),
                languages: tags(&buyer.languages),
                time_zone: buyer.time_zone.to_owned(),
                industry: Some(buyer.industry.clone()),
                headline: I18n::default(),
                about: texts(&buyer.about),
                created_at: at,
                updated_at: at,
            });
            let mut creator = None;
            for person in &buyer.people {
                if let Some(account) = &person.account {
                    let (user_id, at) = ids.next();
                    batch.users.push(account_user(account, user_id, at, "buyer", Some(organisation_id), None)?);
                    creator.get_or_insert(user_id);
                    credentials.push(Credential {
                        role: "buyer".to_owned(),
                        email: account.email.clone(),
                        password: account.password.clone(),
                        organisation: Some(buyer.company_name.clone()),
                    });
                }
            }
            for need in &buyer.needs {
                let (id, at) = ids.next();
                batch.needs.push(sourcing_need::Model {
                    id,
                    organisation_id,
                    created_by: creator,
                    title: need.title.clone(),
                    description: need.description.clone(),
                    language: need.language.tag().to_owned(),
                    product_group: need.product_group.map(str::to_owned),
                    processes: codes(&need.processes),
                    hs_code: need.hs_code.clone(),
                    required_certifications: codes(&need.required_certifications),
                    annual_volume: need.annual_volume,
                    unit: need.unit.map(str::to_owned),
                    tolerance_um: need.tolerance_um,
                    status: "open".to_owned(),
                    created_at: at,
                    updated_at: at,
                });
            }
            report.buyers += 1;
            report.needs += buyer.needs.len();
        }
        store.insert_bulk(&batch).await.context("writing buyers")?;
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();

    (report.slots, report.tables, report.interpreters) = set_up_fair(store, options.today, &mut ids).await?;

    let marker =
        format!("seed {} on {}: {} suppliers, {} buyers", options.seed, options.today, report.suppliers, report.buyers);
    store.set_meta(SEED_MARKER, &marker, Utc::now()).await?;
    store.bump_counter(DIRECTORY_REVISION).await?;
    report.credentials = credentials;
    Ok(report)
}

/// The demo fair's set-up: two days a fortnight after `today` (so the demo always
/// looks ahead), 09:00–17:00 in Hanoi with a lunch break, 20-minute slots, forty
/// tables in two halls, and interpreters for Japanese, Chinese, Korean and English
/// (most working both days, some one day).
async fn set_up_fair(store: &Store, today: NaiveDate, ids: &mut Ids) -> anyhow::Result<(usize, usize, usize)> {
    use fair_api_types::{FairDayInput, FairSetupInput};
    use fair_store::entities::{interpreter, meeting_table};

    let day = |offset: i64| FairDayInput {
        date: today + Duration::days(offset),
        opens_at: "09:00".to_owned(),
        closes_at: "17:00".to_owned(),
        breaks: vec![["12:00".to_owned(), "13:20".to_owned()]],
    };
    let setup = FairSetupInput {
        name: "Hội chợ Công nghiệp hỗ trợ Hà Nội 2026".to_owned(),
        time_zone: "Asia/Ho_Chi_Minh".to_owned(),
        slot_minutes: 20,
        buyer_min_meetings: 6,
        buyer_max_meetings: 10,
        supplier_min_meetings: 0,
        supplier_max_meetings: 16,
        request_ttl_hours: 48,
        days: vec![day(14), day(15)],
    };
    let mut plan = fair_meetings::fair_plan(&setup, ids.clock)
        .map_err(|err| anyhow::anyhow!("the demo fair's set-up is invalid: {err}"))?;
    // Deterministic ids, like everything else the seed writes.
    for day in &mut plan.days {
        day.id = ids.next().0;
    }
    for slot in &mut plan.slots {
        slot.0 = ids.next().0;
    }
    let slot_ids: Vec<Uuid> = plan.slots.iter().map(|s| s.0).collect();
    let slot_count = slot_ids.len();
    store.save_fair(plan).await.context("writing the fair's set-up")?;

    let mut tables = 0;
    for (hall, count) in [("A", 24), ("B", 16)] {
        for number in 1..=count {
            let table = meeting_table::Model {
                id: ids.next().0,
                hall: hall.to_owned(),
                label: format!("{hall}-{number:02}"),
                active: true,
            };
            store.save_meeting_table(table, true).await.context("writing tables")?;
            tables += 1;
        }
    }
    let half = slot_ids.len() / 2;
    #[rustfmt::skip]
    let people: [(&str, &str, &[Uuid]); 10] = [
        ("Nguyễn Thị Hạnh", "ja", &slot_ids), ("Trần Minh Đức", "ja", &slot_ids),
        ("Lê Thu Trang", "ja", &slot_ids[..half]), ("Phạm Quốc Anh", "ja", &slot_ids[half..]),
        ("Đỗ Mỹ Linh", "zh-Hant", &slot_ids), ("Vũ Thanh Hương", "zh-Hant", &slot_ids[..half]),
        ("Hoàng Văn Nam", "ko", &slot_ids), ("Bùi Ngọc Mai", "ko", &slot_ids[half..]),
        ("Ngô Thị Lan", "en", &slot_ids), ("Đặng Hữu Phước", "en", &slot_ids[..half]),
    ];
    for (name, language, slots) in people {
        let (id, at) = ids.next();
        let person = interpreter::Model {
            id,
            name: name.to_owned(),
            language: language.to_owned(),
            email: None,
            created_at: at,
        };
        store.save_interpreter(person, slots, true).await.context("writing interpreters")?;
    }
    Ok((slot_count, tables, people.len()))
}
