//! The closed lists the UI needs, labelled in the four UI languages.

use axum::Json;
use fair_api_types::{Labels, Taxonomy, TaxonomyEntry};
use fair_domain::taxonomy::{self, Labels as DomainLabels};
use fair_domain::{BusinessType, CompanySize, Language};

use crate::input::UNITS;

fn labels(labels: &DomainLabels) -> Labels {
    Labels {
        vi: labels.vi.to_owned(),
        en: labels.en.to_owned(),
        ja: labels.ja.to_owned(),
        zh_hant: labels.zh_hant.to_owned(),
    }
}

fn same(text: &str) -> Labels {
    Labels { vi: text.to_owned(), en: text.to_owned(), ja: text.to_owned(), zh_hant: text.to_owned() }
}

fn entry(code: &str, labels: Labels) -> TaxonomyEntry {
    TaxonomyEntry { code: code.to_owned(), labels, parent: None, hints: Vec::new() }
}

fn company_size_labels(size: CompanySize) -> Labels {
    let (vi, en, ja, zh) = match size {
        CompanySize::Micro => ("Siêu nhỏ (≤10 lao động)", "Micro (≤10 staff)", "零細（10人以下）", "微型（10人以下）"),
        CompanySize::Small => ("Nhỏ (≤100 lao động)", "Small (≤100 staff)", "小企業（100人以下）", "小型（100人以下）"),
        CompanySize::Medium => {
            ("Vừa (≤200 lao động)", "Medium (≤200 staff)", "中企業（200人以下）", "中型（200人以下）")
        }
        CompanySize::Large => ("Lớn (>200 lao động)", "Large (>200 staff)", "大企業（200人超）", "大型（200人以上）"),
    };
    DomainLabels { vi, en, ja, zh_hant: zh }.into_api()
}

fn business_labels(kind: BusinessType) -> Labels {
    let (vi, en, ja, zh) = match kind {
        BusinessType::Manufacturer => ("Nhà sản xuất", "Manufacturer", "メーカー", "製造商"),
        BusinessType::Trading => ("Công ty thương mại", "Trading company", "商社", "貿易商"),
        BusinessType::Service => ("Dịch vụ kỹ thuật", "Engineering service", "技術サービス", "技術服務"),
    };
    DomainLabels { vi, en, ja, zh_hant: zh }.into_api()
}

trait IntoApi {
    fn into_api(self) -> Labels;
}

impl IntoApi for DomainLabels {
    fn into_api(self) -> Labels {
        labels(&self)
    }
}

/// Sectors, product groups, processes, certifications, countries, provinces,
/// industrial parks, languages, company sizes, business types and units.
#[utoipa::path(get, path = "/api/v1/taxonomy", operation_id = "get_taxonomy", tag = "directory", responses((status = 200, body = Taxonomy)))]
pub(crate) async fn taxonomy() -> Json<Taxonomy> {
    Json(Taxonomy {
        sectors: taxonomy::SECTORS.iter().map(|s| entry(s.code, labels(&s.labels))).collect(),
        product_groups: taxonomy::PRODUCT_GROUPS
            .iter()
            .map(|g| TaxonomyEntry {
                parent: Some(g.sector.to_owned()),
                hints: g.hs.iter().map(|hs| format!("HS {hs}")).collect(),
                ..entry(g.code, labels(&g.labels))
            })
            .collect(),
        processes: taxonomy::PROCESSES.iter().map(|p| entry(p.code, labels(&p.labels))).collect(),
        certifications: taxonomy::CERTIFICATIONS
            .iter()
            .map(|c| TaxonomyEntry { hints: vec![c.category.as_str().to_owned()], ..entry(c.code, same(c.name)) })
            .collect(),
        countries: taxonomy::COUNTRIES.iter().map(|c| entry(c.code, labels(&c.labels))).collect(),
        provinces: taxonomy::PROVINCES.iter().map(|p| entry(p.code, labels(&p.labels()))).collect(),
        industrial_parks: taxonomy::INDUSTRIAL_PARKS
            .iter()
            .map(|p| TaxonomyEntry { parent: Some(p.province.to_owned()), ..entry(p.code, labels(&p.labels())) })
            .collect(),
        languages: Language::ALL.iter().map(|l| entry(l.tag(), same(l.endonym()))).collect(),
        company_sizes: CompanySize::ALL.iter().map(|s| entry(s.as_str(), company_size_labels(*s))).collect(),
        business_types: BusinessType::ALL.iter().map(|b| entry(b.as_str(), business_labels(*b))).collect(),
        units: UNITS.iter().map(|unit| entry(unit.code, labels(&unit.labels))).collect(),
    })
}
