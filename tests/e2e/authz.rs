//! Who may write what: every write route × every kind of caller, on the caller's own
//! exhibitor or buyer company and on someone else's. The whole matrix is the table in
//! [`matrix`]; the answers for objects that do not exist (or are of the other kind) are
//! the table in [`missing`].
//!
//! Every refused request must leave the data exactly as it was: the runner takes a
//! [`World`] snapshot (every organisation with its booth, products, certificates,
//! media, staff, accounts and needs, every invitation, the directory revision and the
//! uploaded files) before and after each request and compares them. Every allowed
//! request must change that snapshot, which proves the comparison can see a write.
//!
//! Allowed requests act on a fresh object (made by the organiser just before) so that
//! a delete by one role does not take the object away from the next; refused requests
//! act on the fixture's standing objects. The organiser is the last column, so its
//! deletes of exhibitor A or buyer company X come after everyone else was refused.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fair_store::entities::user;
use fair_store::meta::DIRECTORY_REVISION;
use fair_tests::{Client, TestApp, buyer_input, exhibitor_profile, id_of, product_input, send};
use reqwest::multipart::{Form, Part};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

/// A valid 1×1 PNG.
pub(crate) const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
    0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// The callers, in the column order of the tables. "Own" is relative to exhibitor A
/// and buyer company X, the owners of every object the tables write to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Who {
    Anonymous,
    /// An admin of exhibitor A.
    OwnAdmin,
    /// A rep of exhibitor A.
    OwnRep,
    /// An admin of exhibitor B.
    OtherAdmin,
    /// A buyer of company X.
    OwnBuyer,
    /// A buyer of company Y.
    OtherBuyer,
    Organiser,
}

pub(crate) const ROLES: [Who; 7] =
    [Who::Anonymous, Who::OwnAdmin, Who::OwnRep, Who::OtherAdmin, Who::OwnBuyer, Who::OtherBuyer, Who::Organiser];

impl Who {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Anonymous => "anonymous",
            Self::OwnAdmin => "A's admin",
            Self::OwnRep => "A's rep",
            Self::OtherAdmin => "B's admin",
            Self::OwnBuyer => "X's buyer",
            Self::OtherBuyer => "Y's buyer",
            Self::Organiser => "organiser",
        }
    }
}

/// An exhibitor with one of everything.
pub(crate) struct Booth {
    pub id: Uuid,
    pub admin: Client,
    pub admin_email: String,
    pub rep: Client,
    pub rep_email: String,
    pub product: Uuid,
    pub certification: Uuid,
    pub media: Uuid,
    pub staff: Uuid,
}

/// A buyer company with a buyer and a need.
pub(crate) struct Company {
    pub id: Uuid,
    pub buyer: Client,
    pub need: Uuid,
}

/// Exhibitors A and B, buyer companies X and Y, an organiser and an anonymous visitor.
pub(crate) struct Fixture {
    pub app: TestApp,
    pub organiser: Client,
    pub organiser_email: String,
    pub anonymous: Client,
    pub a: Booth,
    pub b: Booth,
    pub x: Company,
    pub y: Company,
}

/// The kinds of object a path can name by placeholder.
#[derive(Clone, Copy, Debug)]
enum Object {
    Product,
    Certification,
    Media,
    Staff,
    Need,
}

const OBJECTS: [(&str, Object); 5] = [
    ("{product}", Object::Product),
    ("{certification}", Object::Certification),
    ("{media}", Object::Media),
    ("{staff}", Object::Staff),
    ("{need}", Object::Need),
];

pub(crate) fn product_body() -> Value {
    product_input("Vỏ hộp nhựa ABS ép phun", "EL5", &["P02"])
}

/// A certificate with a number of its own (the same number twice is a conflict).
pub(crate) fn certification_body() -> Value {
    json!({
        "standard": "ISO9001", "issuer": "Bureau Veritas",
        "certificate_number": format!("VN-{}", Uuid::new_v4().simple()),
        "valid_from": "2024-01-15", "valid_until": "2027-01-14"
    })
}

pub(crate) fn staff_body() -> Value {
    json!({"full_name": "Lê Thị Hoa", "job_title": "Trưởng phòng kinh doanh", "email": "hoa@a.example",
           "phone": "+84 24 3826 1234", "languages": ["vi", "ja"], "shown_on_booth": true})
}

pub(crate) fn need_body() -> Value {
    json!({"title": "射出成形によるABS樹脂カバーの調達", "description": "月産2万個、公差±0.05mm",
           "language": "ja", "product_group": "EL5", "processes": ["P02"], "annual_volume": 240000, "unit": "pcs"})
}

pub(crate) fn upload_form() -> Form {
    Form::new()
        .text("kind", "photo")
        .part("file", Part::bytes(PNG.to_vec()).file_name("photo.png").mime_str("image/png").expect("mime"))
}

/// Sends a request that must create something; returns the new id.
async fn created(request: RequestBuilder, what: &str) -> Uuid {
    let (status, body) = send(request).await;
    assert_eq!(status, StatusCode::CREATED, "creating {what}: {body}");
    id_of(&body)
}

async fn booth(app: &TestApp, organiser: &Client, name: &str) -> Booth {
    let (id, _) = app.create_exhibitor(organiser, name).await;
    let admin_email = app.create_user("exhibitor", Some(id), Some("admin")).await;
    let rep_email = app.create_user("exhibitor", Some(id), Some("rep")).await;
    let url = |tail: &str| app.url(&format!("/api/v1/exhibitors/{id}/{tail}"));
    Booth {
        id,
        admin: app.login(&admin_email).await,
        admin_email,
        rep: app.login(&rep_email).await,
        rep_email,
        product: created(organiser.post(url("products")).json(&product_body()), "a product").await,
        certification: created(organiser.post(url("certifications")).json(&certification_body()), "a certificate")
            .await,
        media: created(organiser.post(url("media")).multipart(upload_form()), "a photo").await,
        staff: created(organiser.post(url("staff")).json(&staff_body()), "a staff member").await,
    }
}

async fn company(app: &TestApp, organiser: &Client, name: &str, country: &str) -> Company {
    let id = app.create_buyer(organiser, name, country).await;
    let buyer_email = app.create_user("buyer", Some(id), None).await;
    Company {
        id,
        buyer: app.login(&buyer_email).await,
        need: created(organiser.post(app.url(&format!("/api/v1/buyers/{id}/needs"))).json(&need_body()), "a need")
            .await,
    }
}

impl Fixture {
    pub(crate) async fn new() -> Self {
        let app = TestApp::spawn().await;
        let organiser_email = app.create_user("organiser", None, None).await;
        let organiser = app.login(&organiser_email).await;
        let a = booth(&app, &organiser, "Công ty TNHH Cơ khí Chính xác A").await;
        let b = booth(&app, &organiser, "Công ty Cổ phần Nhựa B").await;
        let x = company(&app, &organiser, "X Seimitsu Kogyo", "JP").await;
        let y = company(&app, &organiser, "Y Precision Taiwan", "TW").await;
        let anonymous = app.client();
        Self { app, organiser, organiser_email, anonymous, a, b, x, y }
    }

    pub(crate) fn client(&self, who: Who) -> &Client {
        match who {
            Who::Anonymous => &self.anonymous,
            Who::OwnAdmin => &self.a.admin,
            Who::OwnRep => &self.a.rep,
            Who::OtherAdmin => &self.b.admin,
            Who::OwnBuyer => &self.x.buyer,
            Who::OtherBuyer => &self.y.buyer,
            Who::Organiser => &self.organiser,
        }
    }

    /// A name for an organisation in failure messages.
    fn label(&self, id: Uuid) -> String {
        [(self.a.id, "exhibitor A"), (self.b.id, "exhibitor B"), (self.x.id, "buyer X"), (self.y.id, "buyer Y")]
            .into_iter()
            .find(|(known, _)| *known == id)
            .map_or_else(|| id.to_string(), |(_, label)| label.to_owned())
    }

    fn standing(&self, object: Object) -> Uuid {
        match object {
            Object::Product => self.a.product,
            Object::Certification => self.a.certification,
            Object::Media => self.a.media,
            Object::Staff => self.a.staff,
            Object::Need => self.x.need,
        }
    }

    /// A new object of exhibitor A or buyer company X, made by the organiser.
    async fn fresh(&self, object: Object) -> Uuid {
        let a = self.a.id;
        let url = |tail: &str| self.app.url(&format!("/api/v1/exhibitors/{a}/{tail}"));
        let organiser = &self.organiser;
        match object {
            Object::Product => created(organiser.post(url("products")).json(&product_body()), "a product").await,
            Object::Certification => {
                created(organiser.post(url("certifications")).json(&certification_body()), "a certificate").await
            }
            Object::Media => created(organiser.post(url("media")).multipart(upload_form()), "a photo").await,
            Object::Staff => created(organiser.post(url("staff")).json(&staff_body()), "a staff member").await,
            Object::Need => {
                let x = self.x.id;
                created(organiser.post(self.app.url(&format!("/api/v1/buyers/{x}/needs"))).json(&need_body()), "a need")
                    .await
            }
        }
    }

    /// The URL of a path template: `{A}`, `{B}`, `{X}`, `{Y}` are the organisations,
    /// `{product}`, `{certification}`, `{media}`, `{staff}`, `{need}` the standing
    /// objects of A and X, `{random}` an id nothing has.
    pub(crate) fn url(&self, template: &str) -> String {
        let mut path = template
            .replace("{A}", &self.a.id.to_string())
            .replace("{B}", &self.b.id.to_string())
            .replace("{X}", &self.x.id.to_string())
            .replace("{Y}", &self.y.id.to_string())
            .replace("{random}", &Uuid::new_v4().to_string());
        for (placeholder, object) in OBJECTS {
            path = path.replace(placeholder, &self.standing(object).to_string());
        }
        self.app.url(&format!("/api/v1{path}"))
    }

    /// Like [`Fixture::url`], but object placeholders name fresh objects.
    async fn fresh_url(&self, template: &str) -> String {
        let mut path = template.to_owned();
        for (placeholder, object) in OBJECTS {
            if path.contains(placeholder) {
                path = path.replace(placeholder, &self.fresh(object).await.to_string());
            }
        }
        self.url(&path)
    }
}

/// Everything a write route could change, as text by part, to compare before and after.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct World(BTreeMap<String, String>);

fn by_id<T: std::fmt::Debug>(mut rows: Vec<T>, id: impl Fn(&T) -> Uuid) -> String {
    rows.sort_by_key(|row| id(row));
    format!("{rows:?}")
}

/// Every column of an account (its `Debug` hides some of them).
fn accounts(mut users: Vec<user::Model>) -> String {
    users.sort_by_key(|u| u.id);
    let rows: Vec<String> = users
        .iter()
        .map(|u| {
            format!(
                "{} {} {:?} {} {} {:?} {:?} {} {} {} {} {}",
                u.id,
                u.email,
                u.display_name,
                u.password_hash,
                u.role,
                u.organisation_id,
                u.staff_role,
                u.preferred_language,
                u.time_zone,
                u.disabled,
                u.created_at,
                u.updated_at
            )
        })
        .collect();
    rows.join("\n")
}

fn files_under(root: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path.display().to_string());
        }
    }
}

impl World {
    pub(crate) async fn capture(fx: &Fixture) -> Self {
        let store = &fx.app.store;
        let mut parts = BTreeMap::new();
        for exhibitor in store.exhibitors(None, 100_000).await.expect("exhibitors") {
            let id = exhibitor.id();
            let name = fx.label(id);
            parts.insert(format!("{name}: profile and booth"), format!("{exhibitor:?}"));
            let products = store.products_of(id, None, 100_000).await.expect("products");
            parts.insert(format!("{name}: products"), by_id(products, |p| p.id));
            let certifications = store.certifications_of(id).await.expect("certifications");
            parts.insert(format!("{name}: certifications"), by_id(certifications, |c| c.id));
            parts.insert(format!("{name}: media"), by_id(store.media_of(id).await.expect("media"), |m| m.id));
            parts.insert(format!("{name}: staff"), by_id(store.staff_of(id).await.expect("staff"), |s| s.id));
            let users = store.users_of_organisation(id).await.expect("users");
            parts.insert(format!("{name}: accounts"), accounts(users));
        }
        for buyer in store.buyers(None, 100_000, None).await.expect("buyers") {
            let id = buyer.id;
            let name = fx.label(id);
            parts.insert(format!("{name}: profile"), format!("{buyer:?}"));
            parts.insert(
                format!("{name}: needs"),
                by_id(store.needs_of(id, None, 100_000).await.expect("needs"), |n| n.id),
            );
            let users = store.users_of_organisation(id).await.expect("users");
            parts.insert(format!("{name}: accounts"), accounts(users));
        }
        for kind in ["supplier", "buyer"] {
            parts.insert(format!("{kind} count"), store.count_organisations(kind).await.expect("count").to_string());
        }
        let organiser = store.user_by_email(&fx.organiser_email).await.expect("organiser");
        parts.insert("organiser account".to_owned(), accounts(organiser.into_iter().collect()));
        let invitations = store.invitations(None, None, 100_000).await.expect("invitations");
        parts.insert("invitations".to_owned(), by_id(invitations, |i| i.id));
        parts.insert(
            "directory revision".to_owned(),
            store.counter(DIRECTORY_REVISION).await.expect("revision").to_string(),
        );
        let mut files = Vec::new();
        files_under(&fx.app.data_dir.path().join("uploads"), &mut files);
        files.sort();
        parts.insert("uploaded files".to_owned(), format!("{files:?}"));
        Self(parts)
    }

    /// The parts that differ.
    pub(crate) fn changes(&self, after: &World) -> Vec<String> {
        let keys: BTreeSet<&String> = self.0.keys().chain(after.0.keys()).collect();
        keys.into_iter().filter(|key| self.0.get(*key) != after.0.get(*key)).cloned().collect()
    }
}

/// "403 or 404": the object does not exist and this caller could not write it if it
/// did, so either answer is right (the server cannot know whose it would be).
const DENIED: u16 = 0;

#[derive(Clone, Copy)]
enum Body {
    Empty,
    /// A JSON body, named for failure messages.
    Json(&'static str, fn(&Fixture) -> Value),
    /// A photo upload (multipart).
    Upload,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Exhibitors,
    Products,
    Certifications,
    Media,
    Staff,
    Buyers,
    Needs,
    Invitations,
    Missing,
    OtherKind,
}

struct Case {
    group: Group,
    /// Method and path template (see [`Fixture::url`]).
    route: &'static str,
    body: Body,
    /// Expected status per column of [`ROLES`].
    expect: [u16; 7],
}

fn new_exhibitor(_: &Fixture) -> Value {
    json!({"profile": exhibitor_profile("Công ty TNHH Khuôn mẫu Mới")})
}
fn profile_a(_: &Fixture) -> Value {
    exhibitor_profile("Công ty TNHH Cơ khí Chính xác A (sửa)")
}
fn placement(_: &Fixture) -> Value {
    json!({"hall": "A", "stand": "A-101", "online_booth": true})
}
fn product(_: &Fixture) -> Value {
    product_body()
}
fn certification(_: &Fixture) -> Value {
    certification_body()
}
fn staff(_: &Fixture) -> Value {
    staff_body()
}
fn new_buyer(_: &Fixture) -> Value {
    buyer_input("Z Motor Parts", "KR")
}
fn buyer_x(_: &Fixture) -> Value {
    buyer_input("X Seimitsu Kogyo (edited)", "JP")
}
fn need(_: &Fixture) -> Value {
    need_body()
}
fn fresh_email() -> String {
    format!("invitee-{}@authz.example", Uuid::new_v4().simple())
}
fn invite_rep_of_a(fx: &Fixture) -> Value {
    json!({"email": fresh_email(), "role": "exhibitor", "organisation_id": fx.a.id, "staff_role": "rep"})
}
fn invite_admin_of_a(fx: &Fixture) -> Value {
    json!({"email": fresh_email(), "role": "exhibitor", "organisation_id": fx.a.id, "staff_role": "admin"})
}
fn invite_buyer_of_x(fx: &Fixture) -> Value {
    json!({"email": fresh_email(), "role": "buyer", "organisation_id": fx.x.id})
}
fn invite_organiser(_: &Fixture) -> Value {
    json!({"email": fresh_email(), "role": "organiser"})
}
fn invite_staff_to_buyer_x(fx: &Fixture) -> Value {
    json!({"email": fresh_email(), "role": "exhibitor", "organisation_id": fx.x.id, "staff_role": "rep"})
}
fn invite_buyer_to_exhibitor_a(fx: &Fixture) -> Value {
    json!({"email": fresh_email(), "role": "buyer", "organisation_id": fx.a.id})
}
fn invite_staff_to_nowhere(_: &Fixture) -> Value {
    json!({"email": fresh_email(), "role": "exhibitor", "organisation_id": Uuid::new_v4(), "staff_role": "rep"})
}

/// Who may write what on exhibitor A's and buyer company X's objects.
#[rustfmt::skip]
fn matrix() -> Vec<Case> {
    use Body::{Empty, Json, Upload};
    use Group::*;
    let case = |group, route, body, expect| Case { group, route, body, expect };
    vec![
        //                                                                                                   anon  A adm A rep B adm X buy Y buy organiser
        case(Exhibitors,     "POST /exhibitors",                      Json("new exhibitor", new_exhibitor), [401,  403,  403,  403,  403,  403,  201]),
        case(Exhibitors,     "PUT /exhibitors/{A}",                   Json("profile", profile_a),           [401,  200,  200,  403,  403,  403,  200]),
        case(Exhibitors,     "PUT /exhibitors/{A}/placement",         Json("placement", placement),         [401,  403,  403,  403,  403,  403,  200]),
        case(Exhibitors,     "DELETE /exhibitors/{A}",                Empty,                                [401,  403,  403,  403,  403,  403,  204]),
        case(Products,       "POST /exhibitors/{A}/products",         Json("product", product),             [401,  201,  201,  403,  403,  403,  201]),
        case(Products,       "PUT /products/{product}",               Json("product", product),             [401,  200,  200,  403,  403,  403,  200]),
        case(Products,       "DELETE /products/{product}",            Empty,                                [401,  204,  204,  403,  403,  403,  204]),
        case(Certifications, "POST /exhibitors/{A}/certifications",   Json("certificate", certification),   [401,  201,  201,  403,  403,  403,  201]),
        case(Certifications, "PUT /certifications/{certification}",   Json("certificate", certification),   [401,  200,  200,  403,  403,  403,  200]),
        case(Certifications, "DELETE /certifications/{certification}", Empty,                               [401,  204,  204,  403,  403,  403,  204]),
        case(Media,          "POST /exhibitors/{A}/media",            Upload,                               [401,  201,  201,  403,  403,  403,  201]),
        case(Media,          "DELETE /media/{media}",                 Empty,                                [401,  204,  204,  403,  403,  403,  204]),
        case(Staff,          "POST /exhibitors/{A}/staff",            Json("staff member", staff),          [401,  201,  403,  403,  403,  403,  201]),
        case(Staff,          "PUT /staff/{staff}",                    Json("staff member", staff),          [401,  200,  403,  403,  403,  403,  200]),
        case(Staff,          "DELETE /staff/{staff}",                 Empty,                                [401,  204,  403,  403,  403,  403,  204]),
        case(Buyers,         "POST /buyers",                          Json("new buyer", new_buyer),         [401,  403,  403,  403,  403,  403,  201]),
        case(Buyers,         "PUT /buyers/{X}",                       Json("buyer profile", buyer_x),       [401,  403,  403,  403,  200,  403,  200]),
        case(Buyers,         "DELETE /buyers/{X}",                    Empty,                                [401,  403,  403,  403,  403,  403,  204]),
        case(Needs,          "POST /buyers/{X}/needs",                Json("need", need),                   [401,  403,  403,  403,  201,  403,  201]),
        case(Needs,          "PUT /needs/{need}",                     Json("need", need),                   [401,  403,  403,  403,  200,  403,  200]),
        case(Needs,          "DELETE /needs/{need}",                  Empty,                                [401,  403,  403,  403,  204,  403,  204]),
        case(Invitations,    "POST /invitations",                     Json("rep of A", invite_rep_of_a),    [401,  201,  403,  403,  403,  403,  201]),
        case(Invitations,    "POST /invitations",                     Json("admin of A", invite_admin_of_a), [401, 201,  403,  403,  403,  403,  201]),
        case(Invitations,    "POST /invitations",                     Json("buyer of X", invite_buyer_of_x), [401, 403,  403,  403,  403,  403,  201]),
        case(Invitations,    "POST /invitations",                     Json("organiser", invite_organiser),  [401,  403,  403,  403,  403,  403,  201]),
    ]
}

/// Objects that do not exist, and organisations of the other kind. Nobody writes;
/// whoever would have the right gets 404.
#[rustfmt::skip]
fn missing() -> Vec<Case> {
    use Body::{Empty, Json, Upload};
    use Group::*;
    let case = |group, route, body, expect| Case { group, route, body, expect };
    vec![
        //                                                                                                     anon  A adm   A rep   B adm   X buy   Y buy   organiser
        case(Missing,   "PUT /exhibitors/{random}",                 Json("profile", profile_a),                 [401, 403,    403,    403,    403,    403,    404]),
        case(Missing,   "PUT /exhibitors/{random}/placement",       Json("placement", placement),               [401, 403,    403,    403,    403,    403,    404]),
        case(Missing,   "DELETE /exhibitors/{random}",              Empty,                                      [401, 403,    403,    403,    403,    403,    404]),
        case(Missing,   "POST /exhibitors/{random}/products",       Json("product", product),                   [401, 403,    403,    403,    403,    403,    404]),
        case(Missing,   "POST /exhibitors/{random}/certifications", Json("certificate", certification),         [401, 403,    403,    403,    403,    403,    404]),
        case(Missing,   "POST /exhibitors/{random}/media",          Upload,                                     [401, 403,    403,    403,    403,    403,    404]),
        case(Missing,   "POST /exhibitors/{random}/staff",          Json("staff member", staff),                [401, 403,    403,    403,    403,    403,    404]),
        case(Missing,   "PUT /products/{random}",                   Json("product", product),                   [401, 404,    404,    404,    DENIED, DENIED, 404]),
        case(Missing,   "DELETE /products/{random}",                Empty,                                      [401, 404,    404,    404,    DENIED, DENIED, 404]),
        case(Missing,   "PUT /certifications/{random}",             Json("certificate", certification),         [401, 404,    404,    404,    DENIED, DENIED, 404]),
        case(Missing,   "DELETE /certifications/{random}",          Empty,                                      [401, 404,    404,    404,    DENIED, DENIED, 404]),
        case(Missing,   "DELETE /media/{random}",                   Empty,                                      [401, 404,    404,    404,    DENIED, DENIED, 404]),
        case(Missing,   "PUT /staff/{random}",                      Json("staff member", staff),                [401, 404,    DENIED, 404,    DENIED, DENIED, 404]),
        case(Missing,   "DELETE /staff/{random}",                   Empty,                                      [401, 404,    DENIED, 404,    DENIED, DENIED, 404]),
        case(Missing,   "PUT /buyers/{random}",                     Json("buyer profile", buyer_x),             [401, 403,    403,    403,    403,    403,    404]),
        case(Missing,   "DELETE /buyers/{random}",                  Empty,                                      [401, 403,    403,    403,    403,    403,    404]),
        case(Missing,   "POST /buyers/{random}/needs",              Json("need", need),                         [401, 403,    403,    403,    403,    403,    404]),
        case(Missing,   "PUT /needs/{random}",                      Json("need", need),                         [401, DENIED, DENIED, DENIED, 404,    404,    404]),
        case(Missing,   "DELETE /needs/{random}",                   Empty,                                      [401, DENIED, DENIED, DENIED, 404,    404,    404]),
        case(Missing,   "POST /invitations",                        Json("rep of nobody", invite_staff_to_nowhere), [401, 403, 403,   403,    403,    403,    422]),
        case(OtherKind, "PUT /exhibitors/{X}",                      Json("profile", profile_a),                 [401, 403,    403,    403,    403,    403,    404]),
        case(OtherKind, "PUT /exhibitors/{X}/placement",            Json("placement", placement),               [401, 403,    403,    403,    403,    403,    404]),
        case(OtherKind, "DELETE /exhibitors/{X}",                   Empty,                                      [401, 403,    403,    403,    403,    403,    404]),
        case(OtherKind, "POST /exhibitors/{X}/products",            Json("product", product),                   [401, 403,    403,    403,    403,    403,    404]),
        case(OtherKind, "POST /exhibitors/{X}/certifications",      Json("certificate", certification),         [401, 403,    403,    403,    403,    403,    404]),
        case(OtherKind, "POST /exhibitors/{X}/media",               Upload,                                     [401, 403,    403,    403,    403,    403,    404]),
        case(OtherKind, "POST /exhibitors/{X}/staff",               Json("staff member", staff),                [401, 403,    403,    403,    403,    403,    404]),
        case(OtherKind, "PUT /buyers/{A}",                          Json("buyer profile", buyer_x),             [401, 403,    403,    403,    403,    403,    404]),
        case(OtherKind, "DELETE /buyers/{A}",                       Empty,                                      [401, 403,    403,    403,    403,    403,    404]),
        case(OtherKind, "POST /buyers/{A}/needs",                   Json("need", need),                         [401, 403,    403,    403,    403,    403,    404]),
        case(OtherKind, "POST /invitations",                        Json("rep of buyer X", invite_staff_to_buyer_x), [401, 403, 403,  403,    403,    403,    422]),
        case(OtherKind, "POST /invitations",                        Json("buyer of exhibitor A", invite_buyer_to_exhibitor_a), [401, 403, 403, 403, 403, 403, 422]),
    ]
}

fn expected_code(status: u16) -> Option<&'static str> {
    match status {
        401 => Some("unauthenticated"),
        403 => Some("forbidden"),
        404 => Some("not_found"),
        422 => Some("validation_failed"),
        _ => None,
    }
}

/// Runs every cell of the cases of `group` on a fixture of its own; reports every
/// wrong cell at once.
async fn check(group: Group, table: fn() -> Vec<Case>) {
    let fx = Fixture::new().await;
    let cases: Vec<Case> = table().into_iter().filter(|case| case.group == group).collect();
    assert!(!cases.is_empty(), "no cases in this group");
    let mut cells = 0;
    let mut wrong = Vec::new();
    for case in &cases {
        let (method, template) = case.route.split_once(' ').expect("METHOD /path");
        let method: Method = method.parse().expect("an HTTP method");
        for (who, expected) in ROLES.into_iter().zip(case.expect) {
            cells += 1;
            let allowed = (200..300).contains(&expected);
            let url = if allowed { fx.fresh_url(template).await } else { fx.url(template) };
            let mut request = fx.client(who).request(method.clone(), url);
            let mut cell = format!("{} as {}", case.route, who.label());
            match case.body {
                Body::Empty => {}
                Body::Json(name, make) => {
                    request = request.json(&make(&fx));
                    cell = format!("{} ({name}) as {}", case.route, who.label());
                }
                Body::Upload => request = request.multipart(upload_form()),
            }
            let before = World::capture(&fx).await;
            let (status, body) = send(request).await;
            let changes = before.changes(&World::capture(&fx).await);

            let status_ok = if expected == DENIED {
                status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND
            } else {
                status.as_u16() == expected
            };
            let shown = if expected == DENIED { "403 or 404".to_owned() } else { expected.to_string() };
            if !status_ok {
                wrong.push(format!("{cell}: expected {shown}, got {status} {body}"));
            } else if let Some(code) = expected_code(status.as_u16())
                && body["code"] != code
            {
                wrong.push(format!("{cell}: expected code `{code}`, got {body}"));
            }
            if allowed && status.is_success() && changes.is_empty() {
                wrong.push(format!("{cell}: answered {status} but changed nothing"));
            }
            if !allowed && !changes.is_empty() {
                wrong.push(format!("{cell}: refused with {status} yet changed: {}", changes.join("; ")));
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {cells} cells are wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[tokio::test]
async fn exhibitor_routes_follow_the_access_rules() {
    check(Group::Exhibitors, matrix).await;
}

#[tokio::test]
async fn product_routes_follow_the_access_rules() {
    check(Group::Products, matrix).await;
}

#[tokio::test]
async fn certification_routes_follow_the_access_rules() {
    check(Group::Certifications, matrix).await;
}

#[tokio::test]
async fn media_routes_follow_the_access_rules() {
    check(Group::Media, matrix).await;
}

#[tokio::test]
async fn staff_routes_follow_the_access_rules() {
    check(Group::Staff, matrix).await;
}

#[tokio::test]
async fn buyer_routes_follow_the_access_rules() {
    check(Group::Buyers, matrix).await;
}

#[tokio::test]
async fn need_routes_follow_the_access_rules() {
    check(Group::Needs, matrix).await;
}

#[tokio::test]
async fn invitations_follow_the_access_rules() {
    check(Group::Invitations, matrix).await;
}

#[tokio::test]
async fn missing_objects_are_404_to_whoever_could_write_them() {
    check(Group::Missing, missing).await;
}

#[tokio::test]
async fn an_exhibitor_id_is_no_buyer_and_a_buyer_id_no_exhibitor() {
    check(Group::OtherKind, missing).await;
}

/// The snapshot sees what the routes write: a guard against a comparison that cannot fail.
#[tokio::test]
async fn the_snapshot_sees_every_kind_of_write() {
    let fx = Fixture::new().await;
    let a = fx.a.id;
    let writes: Vec<(&str, RequestBuilder, &str)> = vec![
        (
            "a profile edit",
            fx.organiser.put(fx.url("/exhibitors/{A}")).json(&profile_a(&fx)),
            "exhibitor A: profile and booth",
        ),
        (
            "a product edit",
            fx.organiser.put(fx.url("/products/{product}")).json(&product_body()),
            "exhibitor A: products",
        ),
        (
            "a certificate deletion",
            fx.organiser.delete(fx.url("/certifications/{certification}")),
            "exhibitor A: certifications",
        ),
        ("a media deletion", fx.organiser.delete(fx.url("/media/{media}")), "uploaded files"),
        ("a staff edit", fx.organiser.put(fx.url("/staff/{staff}")).json(&staff_body()), "exhibitor A: staff"),
        ("a need edit", fx.organiser.put(fx.url("/needs/{need}")).json(&need_body()), "buyer X: needs"),
        ("a buyer edit", fx.organiser.put(fx.url("/buyers/{X}")).json(&buyer_x(&fx)), "buyer X: profile"),
        ("an invitation", fx.organiser.post(fx.url("/invitations")).json(&invite_rep_of_a(&fx)), "invitations"),
        (
            "a name change",
            fx.a.rep
                .put(fx.url("/auth/me"))
                .json(&json!({"display_name": "Đặng Văn Lâm", "preferred_language": "en", "time_zone": "Asia/Tokyo"})),
            "exhibitor A: accounts",
        ),
    ];
    for (what, request, part) in writes {
        let before = World::capture(&fx).await;
        let (status, body) = send(request).await;
        assert!(status.is_success(), "{what}: {status} {body}");
        let changes = before.changes(&World::capture(&fx).await);
        assert!(changes.iter().any(|c| c == part), "{what} should change `{part}`, changed {changes:?}");
    }
    assert_eq!(fx.app.store.exhibitor(a).await.expect("A").organisation.name, "Công ty TNHH Cơ khí Chính xác A (sửa)");
}
