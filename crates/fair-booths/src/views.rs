//! Stored models to wire views.

use chrono::NaiveDate;
use fair_api_types::{
    BuyerView, CertificationView, CodeLabel, ExhibitorView, I18nText, MediaView, NeedView, ProductView, StaffView,
};
use fair_domain::CompanySize;
use fair_domain::taxonomy;
use fair_search::{CertDoc, DirectoryDoc, ProductDoc};
use fair_store::Exhibitor;
use fair_store::directory::ExhibitorRecord;
use fair_store::entities::{I18n, certification, media, organisation, product, sourcing_need, staff_member};
use uuid::Uuid;

pub(crate) fn media_url(id: Uuid) -> String {
    format!("/api/v1/media/{id}/content")
}

/// Today in Hanoi: certificate validity is judged on the fair's calendar.
pub(crate) fn today() -> NaiveDate {
    fair_domain::calendar::fair_date(chrono::Utc::now())
}

fn province_label(code: &str) -> CodeLabel {
    CodeLabel {
        code: code.to_owned(),
        name: taxonomy::province(code).map_or_else(|| code.to_owned(), |p| p.name.to_owned()),
    }
}

fn park_label(code: &str) -> CodeLabel {
    CodeLabel {
        code: code.to_owned(),
        name: taxonomy::industrial_park(code).map_or_else(|| code.to_owned(), |p| p.name.to_owned()),
    }
}

fn i18n(text: &I18n) -> I18nText {
    I18nText(text.0.clone())
}

/// The catalogue facts an exhibitor view shows, derived from products and certificates.
pub fn directory_doc(record: &ExhibitorRecord) -> DirectoryDoc {
    let Exhibitor { organisation, booth } = &record.exhibitor;
    DirectoryDoc {
        id: organisation.id,
        slug: booth.slug.clone(),
        name: organisation.name.clone(),
        name_en: organisation.name_en.clone(),
        headline: organisation.headline.0.clone(),
        about: organisation.about.0.clone(),
        province: organisation.province.clone().unwrap_or_default(),
        industrial_park: organisation.industrial_park.clone(),
        website: organisation.website.clone(),
        employees: organisation.employees.and_then(|e| u32::try_from(e).ok()),
        business_type: organisation.business_type.clone(),
        export_markets: organisation.export_markets.0.clone(),
        languages: organisation.languages.0.clone(),
        staff_languages: {
            let mut languages: Vec<String> = record.staff.iter().flat_map(|m| m.languages.0.iter().cloned()).collect();
            languages.sort();
            languages.dedup();
            languages
        },
        hall: booth.hall.clone(),
        stand: booth.stand.clone(),
        online_booth: booth.online_booth,
        logo_url: booth.logo_media_id.map(media_url),
        view_count: booth.view_count,
        created_at: organisation.created_at,
        products: record
            .products
            .iter()
            .map(|p| ProductDoc {
                id: p.id,
                name: p.name.0.clone(),
                description: p.description.0.clone(),
                product_group: p.product_group.clone(),
                processes: p.processes.0.clone(),
                hs_code: p.hs_code.clone(),
                materials: p.materials.0.clone(),
                moq: p.moq,
                monthly_capacity: p.monthly_capacity,
                unit: p.unit.clone(),
                tolerance_um: p.tolerance_um,
            })
            .collect(),
        certifications: record
            .certifications
            .iter()
            .map(|c| CertDoc { standard: c.standard.clone(), valid_from: c.valid_from, valid_until: c.valid_until })
            .collect(),
    }
}

pub(crate) fn exhibitor_view(record: &ExhibitorRecord) -> ExhibitorView {
    let doc = directory_doc(record);
    let Exhibitor { organisation, booth } = &record.exhibitor;
    ExhibitorView {
        id: organisation.id,
        slug: booth.slug.clone(),
        name: organisation.name.clone(),
        name_en: organisation.name_en.clone(),
        province: province_label(organisation.province.as_deref().unwrap_or_default()),
        industrial_park: organisation.industrial_park.as_deref().map(park_label),
        address: organisation.address.clone(),
        website: organisation.website.clone(),
        contact_email: organisation.contact_email.clone(),
        phone: organisation.phone.clone(),
        employees: doc.employees,
        company_size: doc.employees.map(|e| CompanySize::from_employees(e).as_str().to_owned()),
        founded_year: organisation.founded_year,
        vsic: organisation.vsic.clone(),
        business_type: organisation.business_type.clone(),
        export_markets: organisation.export_markets.0.clone(),
        languages: organisation.languages.0.clone(),
        headline: i18n(&organisation.headline),
        about: i18n(&organisation.about),
        hall: booth.hall.clone(),
        stand: booth.stand.clone(),
        online_booth: booth.online_booth,
        published: booth.published,
        logo_url: booth.logo_media_id.map(media_url),
        view_count: booth.view_count,
        certified: doc.is_certified(today()),
        sectors: doc.sectors(),
        product_groups: doc.product_groups(),
        processes: doc.processes(),
        created_at: organisation.created_at,
        updated_at: organisation.updated_at.max(booth.updated_at),
    }
}

pub(crate) fn product_view(product: &product::Model) -> ProductView {
    ProductView {
        id: product.id,
        exhibitor_id: product.organisation_id,
        name: i18n(&product.name),
        description: i18n(&product.description),
        product_group: product.product_group.clone(),
        hs_code: product.hs_code.clone(),
        processes: product.processes.0.clone(),
        materials: product.materials.0.clone(),
        moq: product.moq,
        monthly_capacity: product.monthly_capacity,
        unit: product.unit.clone(),
        tolerance_um: product.tolerance_um,
        photo_url: product.photo_media_id.map(media_url),
        photo_id: product.photo_media_id,
        created_at: product.created_at,
        updated_at: product.updated_at,
    }
}

pub(crate) fn certification_view(cert: &certification::Model) -> CertificationView {
    let standard = taxonomy::certification(&cert.standard);
    let doc = CertDoc { standard: cert.standard.clone(), valid_from: cert.valid_from, valid_until: cert.valid_until };
    CertificationView {
        id: cert.id,
        exhibitor_id: cert.organisation_id,
        standard: cert.standard.clone(),
        standard_name: standard.map_or_else(|| cert.standard.clone(), |s| s.name.to_owned()),
        category: standard.map_or("other", |s| s.category.as_str()).to_owned(),
        issuer: cert.issuer.clone(),
        certificate_number: cert.certificate_number.clone(),
        valid_from: cert.valid_from,
        valid_until: cert.valid_until,
        valid: doc.is_valid_on(today()),
        status: if doc.is_valid_on(today()) {
            "valid"
        } else if cert.valid_until < today() {
            "expired"
        } else {
            "not_yet_valid"
        }
        .to_owned(),
        scope: cert.scope.clone(),
        document_id: cert.document_media_id,
        document_url: cert.document_media_id.map(media_url),
    }
}

pub(crate) fn media_view(media: &media::Model) -> MediaView {
    MediaView {
        id: media.id,
        exhibitor_id: media.organisation_id,
        kind: media.kind.clone(),
        content_type: media.content_type.clone(),
        byte_size: media.byte_size,
        file_name: media.file_name.clone(),
        caption: i18n(&media.caption),
        url: media_url(media.id),
        created_at: media.created_at,
    }
}

/// Staff as a viewer may see them: contact details only for the exhibitor's own
/// staff and organisers.
pub(crate) fn staff_view(
    member: &staff_member::Model,
    account_role: Option<String>,
    private: bool,
    viewer: Option<Uuid>,
) -> StaffView {
    StaffView {
        id: member.id,
        exhibitor_id: member.organisation_id,
        full_name: member.full_name.clone(),
        job_title: member.job_title.clone(),
        email: if private { member.email.clone() } else { None },
        phone: if private { member.phone.clone() } else { None },
        languages: member.languages.0.clone(),
        shown_on_booth: member.shown_on_booth,
        account_role,
        is_viewer: viewer.is_some() && member.user_id == viewer,
    }
}

pub(crate) fn buyer_view(buyer: &organisation::Model, open_needs: i64) -> BuyerView {
    BuyerView {
        id: buyer.id,
        company_name: buyer.name.clone(),
        company_name_local: buyer.name_local.clone(),
        country: buyer.country.clone(),
        time_zone: buyer.time_zone.clone(),
        languages: buyer.languages.0.clone(),
        industry: buyer.industry.clone(),
        website: buyer.website.clone(),
        about: i18n(&buyer.about),
        open_needs,
        created_at: buyer.created_at,
        updated_at: buyer.updated_at,
    }
}

pub(crate) fn need_view(need: &sourcing_need::Model) -> NeedView {
    NeedView {
        id: need.id,
        buyer_id: need.organisation_id,
        title: need.title.clone(),
        description: need.description.clone(),
        language: need.language.clone(),
        product_group: need.product_group.clone(),
        processes: need.processes.0.clone(),
        hs_code: need.hs_code.clone(),
        required_certifications: need.required_certifications.0.clone(),
        annual_volume: need.annual_volume,
        unit: need.unit.clone(),
        tolerance_um: need.tolerance_um,
        status: need.status.clone(),
        created_at: need.created_at,
        updated_at: need.updated_at,
    }
}
