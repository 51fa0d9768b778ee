//! Bad input gets a 4xx with a stable code, names the field at fault, and writes
//! nothing. Every case is one row of a table; the runner compares a [`World`] snapshot
//! (see `authz`) before and after each request. Each table ends with its valid base
//! bodies being accepted, so a refusal is due to what the case changed and nothing
//! else. Mistyped and oversize uploads are covered in `media`.

use fair_tests::{PASSWORD, buyer_input, exhibitor_profile, id_of, send};
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;
use serde_json::{Value, json};

use crate::authz::{Fixture, Who, World, certification_body, need_body, product_body, staff_body};

/// One request that must be refused.
struct Bad {
    name: String,
    who: Who,
    /// Method and path template (see `Fixture::url`).
    route: String,
    content_type: Option<&'static str>,
    body: Option<Vec<u8>>,
    status: u16,
    code: &'static str,
    /// For `validation_failed`: exactly these `fields[].field`.
    fields: Vec<String>,
    /// Text the message must contain (e.g. the field serde names).
    mentions: Option<String>,
}

impl Bad {
    fn new(name: impl Into<String>, who: Who, route: &str) -> Self {
        Self {
            name: name.into(),
            who,
            route: route.to_owned(),
            content_type: None,
            body: None,
            status: 0,
            code: "",
            fields: Vec::new(),
            mentions: None,
        }
    }

    fn json(mut self, body: &Value) -> Self {
        self.content_type = Some("application/json");
        self.body = Some(serde_json::to_vec(body).expect("json"));
        self
    }

    fn raw(mut self, content_type: Option<&'static str>, body: impl Into<Vec<u8>>) -> Self {
        self.content_type = content_type;
        self.body = Some(body.into());
        self
    }

    fn is(mut self, status: u16, code: &'static str) -> Self {
        self.status = status;
        self.code = code;
        self
    }

    /// 422 `validation_failed` naming exactly these fields.
    fn invalid(self, fields: &[&str]) -> Self {
        let mut case = self.is(422, "validation_failed");
        case.fields = fields.iter().map(|f| (*f).to_owned()).collect();
        case
    }

    fn mentioning(mut self, text: &str) -> Self {
        self.mentions = Some(text.to_owned());
        self
    }
}

/// What a table of bad inputs got wrong; asserted after the table's controls ran.
#[must_use = "call `check` after the controls"]
struct Report {
    total: usize,
    wrong: Vec<String>,
}

impl Report {
    fn check(self) {
        let Self { total, wrong } = self;
        assert!(wrong.is_empty(), "{} of {total} bad inputs were handled wrongly:\n{}", wrong.len(), wrong.join("\n"));
    }
}

/// Sends every case; collects every wrong answer and every write.
async fn refuse_all(fx: &Fixture, cases: Vec<Bad>) -> Report {
    let total = cases.len();
    let mut wrong = Vec::new();
    for case in cases {
        let (method, template) = case.route.split_once(' ').expect("METHOD /path");
        let mut request = fx.client(case.who).request(method.parse().expect("method"), fx.url(template));
        if let Some(content_type) = case.content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        if let Some(body) = case.body {
            request = request.body(body);
        }
        let before = World::capture(fx).await;
        let (status, body) = send(request).await;
        let changes = before.changes(&World::capture(fx).await);
        let label = format!("{} [{}]: {}", case.route, case.who.label(), case.name);
        let shown = || {
            let text = body.to_string();
            if text.len() > 600 { format!("{}…", &text[..text.floor_char_boundary(600)]) } else { text }
        };
        if status.as_u16() != case.status || body["code"] != case.code {
            wrong.push(format!("{label}: expected {} `{}`, got {status} {}", case.status, case.code, shown()));
        } else {
            if !case.fields.is_empty() {
                let mut got: Vec<String> = body["fields"]
                    .as_array()
                    .map(|fields| fields.iter().map(|f| f["field"].as_str().unwrap_or("?").to_owned()).collect())
                    .unwrap_or_default();
                got.sort();
                let mut expected = case.fields.clone();
                expected.sort();
                if got != expected {
                    wrong.push(format!("{label}: expected fields {expected:?}, got {}", shown()));
                }
            }
            if let Some(text) = &case.mentions
                && !body["message"].as_str().unwrap_or("").contains(text.as_str())
            {
                wrong.push(format!("{label}: the message should mention `{text}`: {}", shown()));
            }
        }
        if !changes.is_empty() {
            wrong.push(format!("{label}: refused with {status} yet changed: {}", changes.join("; ")));
        }
    }
    Report { total, wrong }
}

/// Sends a valid body that must be accepted (the control for a table of bad ones).
async fn accepted(fx: &Fixture, who: Who, route: &str, body: &Value) -> Value {
    let (method, template) = route.split_once(' ').expect("METHOD /path");
    let (status, answer) =
        send(fx.client(who).request(method.parse().expect("method"), fx.url(template)).json(body)).await;
    assert!(status.is_success(), "{route} [{}] must accept its base body: {status} {answer}", who.label());
    answer
}

/// `body` with the value at a JSON pointer set (the parent must exist).
fn with(mut body: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("a JSON pointer");
    body.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at `{parent}`"))
        .insert(key.to_owned(), value);
    body
}

/// `body` without the value at a JSON pointer.
fn without(mut body: Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("a JSON pointer");
    body.pointer_mut(parent).and_then(Value::as_object_mut).expect("parent object").remove(key).expect("present");
    body
}

/// Exactly `chars` characters of Vietnamese with diacritics (precomposed, so each is
/// one `char` of 2 or 3 bytes), neither starting nor ending with a space.
fn vietnamese(chars: usize) -> String {
    let text: String = "Hưởng ứng Đề án phát triển công nghiệp hỗ trợ thành phố Hà Nội "
        .chars()
        .cycle()
        .take(chars - 1)
        .chain(std::iter::once('ệ'))
        .collect();
    assert_eq!(text.chars().count(), chars);
    assert!(!text.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)), "combining marks would count twice");
    assert!(text.len() > chars * 5 / 4, "mostly multi-byte: {} bytes", text.len());
    text
}

/// Exactly `chars` characters of Japanese (3 bytes each).
fn japanese(chars: usize) -> String {
    "射出成形樹脂部品の調達".chars().cycle().take(chars).collect()
}

/// The routes every generic body check runs on, with their valid base bodies.
struct Route {
    who: Who,
    route: &'static str,
    base: Value,
    /// A field given the wrong type, and the name serde will mention.
    wrong_type: (&'static str, Value, &'static str),
    /// A required field left out, and the name serde will mention.
    required: (&'static str, &'static str),
    /// Where an unknown field is slipped in (a JSON pointer to an object).
    unknown_in: &'static str,
}

fn routes(fx: &Fixture) -> Vec<Route> {
    vec![
        Route {
            who: Who::Organiser,
            route: "POST /exhibitors",
            base: json!({"profile": exhibitor_profile("Công ty TNHH Đầu vào Sai")}),
            wrong_type: ("/profile/employees", json!("many"), "employees"),
            required: ("/profile/name", "name"),
            unknown_in: "/profile",
        },
        Route {
            who: Who::OwnRep,
            route: "PUT /exhibitors/{A}",
            base: exhibitor_profile("Công ty TNHH Cơ khí Chính xác A"),
            wrong_type: ("/published", json!("yes"), "published"),
            required: ("/business_type", "business_type"),
            unknown_in: "",
        },
        Route {
            who: Who::OwnAdmin,
            route: "POST /exhibitors/{A}/products",
            base: product_body(),
            wrong_type: ("/moq", json!("1000"), "moq"),
            required: ("/product_group", "product_group"),
            unknown_in: "",
        },
        Route {
            who: Who::OwnRep,
            route: "POST /exhibitors/{A}/certifications",
            base: certification_body(),
            wrong_type: ("/valid_until", json!("next year"), "valid_until"),
            required: ("/certificate_number", "certificate_number"),
            unknown_in: "",
        },
        Route {
            who: Who::OwnAdmin,
            route: "POST /exhibitors/{A}/staff",
            base: staff_body(),
            wrong_type: ("/shown_on_booth", json!("yes"), "shown_on_booth"),
            required: ("/full_name", "full_name"),
            unknown_in: "",
        },
        Route {
            who: Who::Organiser,
            route: "POST /buyers",
            base: buyer_input("Kanagawa Buhin", "JP"),
            wrong_type: ("/languages", json!("ja"), "languages"),
            required: ("/time_zone", "time_zone"),
            unknown_in: "",
        },
        Route {
            who: Who::OwnBuyer,
            route: "POST /buyers/{X}/needs",
            base: need_body(),
            wrong_type: ("/annual_volume", json!(1.5), "annual_volume"),
            required: ("/language", "language"),
            unknown_in: "",
        },
        Route {
            who: Who::Anonymous,
            route: "POST /auth/login",
            base: json!({"email": fx.a.admin_email, "password": PASSWORD}),
            wrong_type: ("/password", json!(12345), "password"),
            required: ("/password", "password"),
            unknown_in: "",
        },
        Route {
            who: Who::Organiser,
            route: "POST /invitations",
            base: json!({"email": "dong-nghiep@a.example", "role": "exhibitor", "organisation_id": fx.a.id,
                         "staff_role": "rep", "display_name": "Trần Minh"}),
            wrong_type: ("/organisation_id", json!("not-a-uuid"), "organisation_id"),
            required: ("/role", "role"),
            unknown_in: "",
        },
        Route {
            who: Who::OwnRep,
            route: "PUT /auth/me",
            base: json!({"display_name": "Trần Thị Bích", "preferred_language": "ja", "time_zone": "Asia/Tokyo"}),
            wrong_type: ("/time_zone", json!(7), "time_zone"),
            required: ("/display_name", "display_name"),
            unknown_in: "",
        },
    ]
}

/// Malformed JSON, wrong types, unknown and missing fields, missing or wrong content
/// type, and a body over 256 KiB, on each representative route.
#[tokio::test]
async fn bodies_of_the_wrong_shape_are_refused_before_anything_is_written() {
    let fx = Fixture::new().await;
    let routes = routes(&fx);
    let mut cases = Vec::new();
    for r in &routes {
        let text = serde_json::to_string(&r.base).expect("json");
        let json = Some("application/json");
        let (wrong_at, wrong_value, wrong_name) = r.wrong_type.clone();
        let (required_at, required_name) = r.required;
        let case = |name: &str| Bad::new(name, r.who, r.route);
        #[rustfmt::skip]
        let generic = [
            case("truncated JSON").raw(json, &text[..text.len() - 1]).is(400, "malformed_json"),
            case("form data sent as JSON").raw(json, "email=a%40b.example&password=x").is(400, "malformed_json"),
            case("trailing garbage").raw(json, format!("{text} }}")).is(400, "malformed_json"),
            case("empty body").raw(json, "").is(400, "malformed_json"),
            case("wrong type").json(&with(r.base.clone(), wrong_at, wrong_value)).is(422, "invalid_body").mentioning(wrong_name),
            case("null for a required field")
                .json(&with(r.base.clone(), required_at, Value::Null))
                .is(422, "invalid_body")
                .mentioning(required_name),
            case("missing required field").json(&without(r.base.clone(), required_at)).is(422, "invalid_body").mentioning(required_name),
            case("unknown field")
                .json(&with(r.base.clone(), &format!("{}/colour", r.unknown_in), json!("red")))
                .is(422, "invalid_body")
                .mentioning("colour"),
            case("an array, not an object").json(&json!([r.base])).is(422, "invalid_body"),
            case("no content type").raw(None, text.clone()).is(415, "unsupported_media_type"),
            case("text/plain").raw(Some("text/plain"), text.clone()).is(415, "unsupported_media_type"),
            case("form content type").raw(Some("application/x-www-form-urlencoded"), text.clone()).is(415, "unsupported_media_type"),
            // Valid JSON padded with whitespace past 256 KiB: only its size is wrong.
            // SERVER BUG (reported): the accounts routes (login, invitations, PUT /auth/me)
            // have no 256 KiB limit (axum's default of 2 MiB applies) and accept this.
            case("300 KiB body").raw(json, format!("{text}{}", " ".repeat(300 * 1024))).is(413, "payload_too_large"),
        ];
        cases.extend(generic);
    }
    let report = refuse_all(&fx, cases).await;

    // No refused login counted as a failed attempt: the account is not throttled.
    let login = fx.app.client();
    let (status, body) =
        send(login.post(fx.url("/auth/login")).json(&json!({"email": fx.a.admin_email, "password": PASSWORD}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The controls: each base body, padded to 200 KiB, is accepted (so the limit is
    // not below that, and every refusal above is due to what the case changed).
    for r in &routes {
        let (method, template) = r.route.split_once(' ').expect("METHOD /path");
        let padded = format!("{}{}", r.base, " ".repeat(200 * 1024));
        let request = fx.client(r.who).request(method.parse().expect("method"), fx.url(template));
        let (status, body) = send(request.header(CONTENT_TYPE, "application/json").body(padded)).await;
        assert!(status.is_success(), "{} [{}] must accept its base body: {status} {body}", r.route, r.who.label());
    }
    report.check();
}

/// Exhibitor profiles, created (fields under `profile.`) and edited.
#[tokio::test]
async fn exhibitor_profile_fields_are_validated() {
    let fx = Fixture::new().await;
    let create = json!({"profile": exhibitor_profile("Công ty TNHH Đầu vào Sai")});
    let edit = exhibitor_profile("Công ty TNHH Cơ khí Chính xác A");
    let next_year = chrono::Utc::now().format("%Y").to_string().parse::<i32>().expect("year") + 1;
    // (pointer in the profile, bad value, field named in the error)
    #[rustfmt::skip]
    let profile_cases: Vec<(&str, &str, Value, &str)> = vec![
        ("name of 201 ASCII characters", "/name", json!("x".repeat(201)), "name"),
        ("name of 201 Vietnamese characters", "/name", json!(vietnamese(201)), "name"),
        ("blank name", "/name", json!("   "), "name"),
        ("name with a control character", "/name", json!("Công ty\u{7} A"), "name"),
        ("name with a NUL", "/name", json!("Công ty\u{0} A"), "name"),
        ("English name of 201 characters", "/name_en", json!("x".repeat(201)), "name_en"),
        ("unknown province", "/province", json!("atlantis"), "province"),
        ("unknown industrial park", "/industrial_park", json!("nowhere-park"), "industrial_park"),
        ("unknown business type", "/business_type", json!("pirate"), "business_type"),
        ("javascript: URL", "/website", json!("javascript:alert(1)"), "website"),
        ("URL without a host", "/website", json!("https://"), "website"),
        ("invalid e-mail", "/contact_email", json!("not-an-email"), "contact_email"),
        // SERVER BUG (reported): `validate::email` accepts control characters, so these two
        // are stored (SQLite) or answered 500 (PostgreSQL cannot store a NUL).
        ("e-mail with a control character", "/contact_email", json!("sales\u{1}@a.example"), "contact_email"),
        ("e-mail with a NUL", "/contact_email", json!("sales\u{0}@a.example"), "contact_email"),
        ("phone with letters", "/phone", json!("call me maybe"), "phone"),
        ("0 employees", "/employees", json!(0), "employees"),
        ("founded in 1800", "/founded_year", json!(1800), "founded_year"),
        ("founded next year", "/founded_year", json!(next_year), "founded_year"),
        ("VSIC of 2 digits", "/vsic", json!("25"), "vsic"),
        ("unknown export market", "/export_markets", json!(["JP", "ZZ"]), "export_markets[1]"),
        ("unknown language", "/languages", json!(["vi", "tlh"]), "languages[1]"),
        ("headline in an unknown language", "/headline", json!({"vi": "Gia công", "xx": "?"}), "headline.xx"),
        ("headline of 201 characters", "/headline", json!({"vi": vietnamese(201)}), "headline.vi"),
        ("about of 5001 characters", "/about", json!({"vi": "a".repeat(5001)}), "about.vi"),
        ("about with a control character", "/about", json!({"en": "line\u{8}"}), "about.en"),
    ];
    let mut cases = Vec::new();
    for (name, at, value, field) in &profile_cases {
        let nested = format!("profile.{field}");
        cases.push(
            Bad::new(*name, Who::Organiser, "POST /exhibitors")
                .json(&with(create.clone(), &format!("/profile{at}"), value.clone()))
                .invalid(&[nested.as_str()]),
        );
        cases.push(
            Bad::new(*name, Who::OwnRep, "PUT /exhibitors/{A}")
                .json(&with(edit.clone(), at, value.clone()))
                .invalid(&[*field]),
        );
    }
    cases.extend([
        Bad::new("invalid slug", Who::Organiser, "POST /exhibitors")
            .json(&with(create.clone(), "/slug", json!("Bad Slug!")))
            .invalid(&["slug"]),
        Bad::new("every rejected field at once", Who::Organiser, "POST /exhibitors")
            .json(&with(
                with(with(create.clone(), "/profile/name", json!("")), "/profile/website", json!("ftp://x.example")),
                "/slug",
                json!("-x"),
            ))
            .invalid(&["slug", "profile.name", "profile.website"]),
        Bad::new("negative employees", Who::OwnRep, "PUT /exhibitors/{A}")
            .json(&with(edit.clone(), "/employees", json!(-1)))
            .is(422, "invalid_body")
            .mentioning("employees"),
        Bad::new("employees beyond u32", Who::OwnRep, "PUT /exhibitors/{A}")
            .json(&with(edit.clone(), "/employees", json!(1u64 << 40)))
            .is(422, "invalid_body")
            .mentioning("employees"),
        Bad::new("headline as a string", Who::OwnRep, "PUT /exhibitors/{A}")
            .json(&with(edit.clone(), "/headline", json!("Gia công")))
            .is(422, "invalid_body")
            .mentioning("headline"),
    ]);
    let report = refuse_all(&fx, cases).await;
    accepted(&fx, Who::Organiser, "POST /exhibitors", &create).await;
    accepted(&fx, Who::OwnRep, "PUT /exhibitors/{A}", &edit).await;
    report.check();
}

/// Products, certificates and staff.
#[tokio::test]
async fn catalogue_fields_are_validated() {
    let fx = Fixture::new().await;
    let product = product_body();
    let certification = certification_body();
    let staff = staff_body();
    let products = "POST /exhibitors/{A}/products";
    let certifications = "POST /exhibitors/{A}/certifications";
    let staff_route = "POST /exhibitors/{A}/staff";
    #[rustfmt::skip]
    let p = |name: &str, at: &str, value: Value| Bad::new(name, Who::OwnAdmin, products).json(&with(product.clone(), at, value));
    let c = |name: &str, at: &str, value: Value| {
        Bad::new(name, Who::OwnRep, certifications).json(&with(certification.clone(), at, value))
    };
    #[rustfmt::skip]
    let s = |name: &str, at: &str, value: Value| Bad::new(name, Who::OwnAdmin, staff_route).json(&with(staff.clone(), at, value));
    #[rustfmt::skip]
    let cases = vec![
        p("name of 201 characters", "/name", json!({"vi": "x".repeat(201)})).invalid(&["name.vi"]),
        p("name of 201 Vietnamese characters", "/name", json!({"vi": vietnamese(201)})).invalid(&["name.vi"]),
        p("no name at all", "/name", json!({})).invalid(&["name"]),
        p("name in an unknown language", "/name", json!({"vi": "Khuôn", "xx": "?"})).invalid(&["name.xx"]),
        p("name with a control character", "/name", json!({"vi": "Khuôn\u{1b}[31m"})).invalid(&["name.vi"]),
        p("description of 5001 characters", "/description", json!({"en": "d".repeat(5001)})).invalid(&["description.en"]),
        p("unknown product group", "/product_group", json!("ZZ9")).invalid(&["product_group"]),
        p("HS code of 3 digits", "/hs_code", json!("848")).invalid(&["hs_code"]),
        p("HS code with letters", "/hs_code", json!("84AB")).invalid(&["hs_code"]),
        p("unknown process", "/processes", json!(["P02", "P99"])).invalid(&["processes[1]"]),
        p("material of 81 characters", "/materials", json!(["ABS", "m".repeat(81)])).invalid(&["materials[1]"]),
        p("negative MOQ", "/moq", json!(-5)).invalid(&["moq"]),
        p("MOQ of 0", "/moq", json!(0)).invalid(&["moq"]),
        p("negative capacity", "/monthly_capacity", json!(-1)).invalid(&["monthly_capacity"]),
        p("unknown unit", "/unit", json!("bags")).invalid(&["unit"]),
        p("tolerance of 0", "/tolerance_um", json!(0)).invalid(&["tolerance_um"]),
        p("someone else's photo", "/photo_id", json!(fx.b.media)).invalid(&["photo_id"]),
        p("MOQ beyond i64", "/moq", json!(u64::MAX)).is(422, "invalid_body").mentioning("moq"),
        p("processes as a string", "/processes", json!("P02")).is(422, "invalid_body").mentioning("processes"),
        c("valid_from after valid_until", "/valid_from", json!("2027-06-01")).invalid(&["valid_from"]),
        c("unknown standard", "/standard", json!("ISO0000")).invalid(&["standard"]),
        c("issuer of 121 characters", "/issuer", json!("i".repeat(121))).invalid(&["issuer"]),
        c("blank certificate number", "/certificate_number", json!(" ")).invalid(&["certificate_number"]),
        Bad::new("valid until 1970", Who::OwnRep, certifications)
            .json(&with(without(certification.clone(), "/valid_from"), "/valid_until", json!("1970-01-01")))
            .invalid(&["valid_until"]),
        c("scope of 501 characters", "/scope", json!("s".repeat(501))).invalid(&["scope"]),
        c("someone else's document", "/document_id", json!(fx.b.media)).invalid(&["document_id"]),
        c("impossible date", "/valid_until", json!("2026-02-30")).is(422, "invalid_body").mentioning("valid_until"),
        s("full name of 121 characters", "/full_name", json!("n".repeat(121))).invalid(&["full_name"]),
        s("blank full name", "/full_name", json!("")).invalid(&["full_name"]),
        s("job title of 121 characters", "/job_title", json!("t".repeat(121))).invalid(&["job_title"]),
        s("invalid e-mail", "/email", json!("hoa@localhost")).invalid(&["email"]),
        // SERVER BUG (reported): the e-mail check lets control characters through; this one
        // is stored on SQLite and answered 500 on PostgreSQL.
        s("e-mail with a NUL", "/email", json!("hoa\u{0}@a.example")).invalid(&["email"]),
        s("phone with letters", "/phone", json!("0912 ABC")).invalid(&["phone"]),
        s("unknown language", "/languages", json!(["vi", "xx"])).invalid(&["languages[1]"]),
    ];
    let report = refuse_all(&fx, cases).await;
    accepted(&fx, Who::OwnAdmin, products, &product).await;
    accepted(&fx, Who::OwnRep, certifications, &certification).await;
    accepted(&fx, Who::OwnAdmin, staff_route, &staff).await;
    report.check();
}

/// Buyer companies and their sourcing needs.
#[tokio::test]
async fn buyer_fields_are_validated() {
    let fx = Fixture::new().await;
    let buyer = with(buyer_input("Kanagawa Buhin", "JP"), "/website", json!("https://kanagawa-buhin.example.jp"));
    let need = need_body();
    #[rustfmt::skip]
    let b = |name: &str, at: &str, value: Value| Bad::new(name, Who::Organiser, "POST /buyers").json(&with(buyer.clone(), at, value));
    #[rustfmt::skip]
    let e = |name: &str, at: &str, value: Value| Bad::new(name, Who::OwnBuyer, "PUT /buyers/{X}").json(&with(buyer.clone(), at, value));
    let n = |name: &str, at: &str, value: Value| {
        Bad::new(name, Who::OwnBuyer, "POST /buyers/{X}/needs").json(&with(need.clone(), at, value))
    };
    #[rustfmt::skip]
    let cases = vec![
        b("company name of 201 characters", "/company_name", json!("c".repeat(201))).invalid(&["company_name"]),
        b("local name of 201 characters", "/company_name_local", json!(japanese(201))).invalid(&["company_name_local"]),
        b("unknown country", "/country", json!("ZZ")).invalid(&["country"]),
        b("unknown time zone", "/time_zone", json!("Mars/Olympus_Mons")).invalid(&["time_zone"]),
        b("no languages", "/languages", json!([])).invalid(&["languages"]),
        b("unknown language", "/languages", json!(["ja", "xx"])).invalid(&["languages[1]"]),
        b("javascript: URL", "/website", json!("javascript:alert(1)")).invalid(&["website"]),
        b("industry with a control character", "/industry", json!("auto\u{0}parts")).invalid(&["industry"]),
        b("about in an unknown language", "/about", json!({"xx": "?"})).invalid(&["about.xx"]),
        e("company name of 201 characters", "/company_name", json!(japanese(201))).invalid(&["company_name"]),
        e("javascript: URL", "/website", json!("javascript:alert(1)")).invalid(&["website"]),
        n("title of 201 characters", "/title", json!(japanese(201))).invalid(&["title"]),
        n("description of 5001 characters", "/description", json!("d".repeat(5001))).invalid(&["description"]),
        n("unknown language", "/language", json!("xx")).invalid(&["language"]),
        n("unknown product group", "/product_group", json!("ZZ9")).invalid(&["product_group"]),
        n("unknown process", "/processes", json!(["P02", "P99"])).invalid(&["processes[1]"]),
        n("HS code of 3 digits", "/hs_code", json!("392")).invalid(&["hs_code"]),
        n("unknown certification", "/required_certifications", json!(["ISO9001", "NOPE"])).invalid(&["required_certifications[1]"]),
        n("negative volume", "/annual_volume", json!(-1)).invalid(&["annual_volume"]),
        n("unknown unit", "/unit", json!("bags")).invalid(&["unit"]),
        n("tolerance of 0", "/tolerance_um", json!(0)).invalid(&["tolerance_um"]),
        n("unknown status", "/status", json!("maybe")).invalid(&["status"]),
        n("title with a control character", "/title", json!("部品\u{7f}調達")).invalid(&["title"]),
    ];
    let report = refuse_all(&fx, cases).await;
    accepted(&fx, Who::Organiser, "POST /buyers", &buyer).await;
    accepted(&fx, Who::OwnBuyer, "PUT /buyers/{X}", &buyer).await;
    accepted(&fx, Who::OwnBuyer, "POST /buyers/{X}/needs", &need).await;
    report.check();
}

/// Invitations, one's own profile, and sign-in with odd credentials.
#[tokio::test]
async fn account_fields_are_validated() {
    let fx = Fixture::new().await;
    let invitation = json!({"email": "dong-nghiep@a.example", "role": "exhibitor", "organisation_id": fx.a.id,
                            "staff_role": "rep", "display_name": "Trần Minh"});
    let me = json!({"display_name": "Trần Thị Bích", "preferred_language": "ja", "time_zone": "Asia/Tokyo"});
    let i = |name: &str, at: &str, value: Value| {
        Bad::new(name, Who::Organiser, "POST /invitations").json(&with(invitation.clone(), at, value))
    };
    #[rustfmt::skip]
    let m = |name: &str, at: &str, value: Value| Bad::new(name, Who::OwnRep, "PUT /auth/me").json(&with(me.clone(), at, value));
    let login = |name: &str, email: &str, password: &str| {
        Bad::new(name, Who::Anonymous, "POST /auth/login")
            .json(&json!({"email": email, "password": password}))
            .is(401, "invalid_credentials")
    };
    #[rustfmt::skip]
    let cases = vec![
        i("invalid e-mail", "/email", json!("not-an-email")).invalid(&["email"]),
        // SERVER BUG (reported): both are accepted and stored (the NUL one is a 500 on PostgreSQL).
        i("e-mail with a NUL", "/email", json!("dong\u{0}nghiep@a.example")).invalid(&["email"]),
        i("e-mail with a control character", "/email", json!("dong\u{1}nghiep@a.example")).invalid(&["email"]),
        i("e-mail of 255 characters", "/email", json!(format!("{}@a.example", "e".repeat(245)))).invalid(&["email"]),
        // SERVER BUG (reported, minor): an unknown role also blames the valid `staff_role`.
        i("unknown role", "/role", json!("king")).invalid(&["role"]),
        i("unknown staff role", "/staff_role", json!("boss")).invalid(&["staff_role"]),
        i("display name of 121 characters", "/display_name", json!("n".repeat(121))).invalid(&["display_name"]),
        i("staff role for a buyer", "/role", json!("buyer")).invalid(&["staff_role"]),
        Bad::new("exhibitor staff without a company", Who::Organiser, "POST /invitations")
            .json(&without(invitation.clone(), "/organisation_id"))
            .invalid(&["organisation_id"]),
        Bad::new("an organiser with a company", Who::Organiser, "POST /invitations")
            .json(&json!({"email": "org@a.example", "role": "organiser", "organisation_id": fx.a.id}))
            .invalid(&["organisation_id"]),
        Bad::new("e-mail of an existing account", Who::Organiser, "POST /invitations")
            .json(&with(invitation.clone(), "/email", json!(fx.a.rep_email)))
            .is(409, "email_taken"),
        m("display name of 121 characters", "/display_name", json!("n".repeat(121))).invalid(&["display_name"]),
        m("blank display name", "/display_name", json!("  ")).invalid(&["display_name"]),
        m("display name with a control character", "/display_name", json!("Bích\u{0}")).invalid(&["display_name"]),
        m("unknown UI language", "/preferred_language", json!("xx")).invalid(&["preferred_language"]),
        m("a language the UI does not speak", "/preferred_language", json!("ko")).invalid(&["preferred_language"]),
        m("unknown time zone", "/time_zone", json!("Asia/Atlantis")).invalid(&["time_zone"]),
        login("e-mail of 300 characters", &format!("{}@a.example", "e".repeat(290)), PASSWORD),
        login("password of 10 000 characters", &fx.b.admin_email, &"p".repeat(10_000)),
        login("empty e-mail", "", PASSWORD),
        login("empty password", &fx.b.admin_email, ""),
        // SERVER BUG (reported): 500 on PostgreSQL, for anyone, signed in or not.
        login("e-mail with a NUL", "admin\u{0}@b.example", PASSWORD),
    ];
    let report = refuse_all(&fx, cases).await;
    accepted(&fx, Who::Organiser, "POST /invitations", &invitation).await;
    accepted(&fx, Who::OwnRep, "PUT /auth/me", &me).await;
    report.check();
}

/// Lengths are counted in characters: 200 Vietnamese characters (far more than 200
/// bytes) fit where 200 is the limit, and are stored as sent; 201 do not.
#[tokio::test]
async fn text_limits_count_characters_not_bytes() {
    let fx = Fixture::new().await;
    let name = vietnamese(200);
    let mut profile = exhibitor_profile(&name);
    profile["name_en"] = Value::Null;

    let created = accepted(&fx, Who::Organiser, "POST /exhibitors", &json!({"profile": profile})).await;
    let id = id_of(&created);
    assert_eq!(fx.app.store.exhibitor(id).await.expect("exhibitor").organisation.name, name);

    profile["name"] = json!(vietnamese(199) + "ộ");
    profile["headline"] = json!({"vi": vietnamese(200)});
    profile["about"] = json!({"vi": vietnamese(5000)});
    accepted(&fx, Who::OwnAdmin, "PUT /exhibitors/{A}", &profile).await;
    let a = fx.app.store.exhibitor(fx.a.id).await.expect("A").organisation;
    assert_eq!(a.name.chars().count(), 200);
    assert_eq!(a.headline.0["vi"], vietnamese(200));
    assert_eq!(a.about.0["vi"], vietnamese(5000));

    let product = with(product_body(), "/name", json!({"vi": vietnamese(200), "ja": japanese(200)}));
    let product = with(product, "/description", json!({"vi": vietnamese(5000)}));
    let view = accepted(&fx, Who::OwnRep, "POST /exhibitors/{A}/products", &product).await;
    let stored = fx.app.store.product(id_of(&view)).await.expect("product");
    assert_eq!(stored.name.0["vi"], vietnamese(200));
    assert_eq!(stored.name.0["ja"], japanese(200));

    let staff = with(staff_body(), "/full_name", json!(vietnamese(120)));
    accepted(&fx, Who::OwnAdmin, "POST /exhibitors/{A}/staff", &staff).await;
    let buyer = buyer_input(&japanese(200), "JP");
    accepted(&fx, Who::Organiser, "POST /buyers", &buyer).await;
    let need = with(with(need_body(), "/title", json!(japanese(200))), "/description", json!(japanese(5000)));
    let view = accepted(&fx, Who::OwnBuyer, "POST /buyers/{X}/needs", &need).await;
    assert_eq!(fx.app.store.need(id_of(&view)).await.expect("need").title, japanese(200));
    let me = json!({"display_name": vietnamese(120), "preferred_language": "vi", "time_zone": "Asia/Ho_Chi_Minh"});
    accepted(&fx, Who::OwnRep, "PUT /auth/me", &me).await;

    // One more character is one too many, wherever it is.
    let mut over = exhibitor_profile(&vietnamese(201));
    over["name_en"] = Value::Null;
    #[rustfmt::skip]
    let cases = vec![
        Bad::new("201 characters", Who::Organiser, "POST /exhibitors").json(&json!({"profile": over})).invalid(&["profile.name"]),
        Bad::new("201 characters", Who::OwnAdmin, "PUT /exhibitors/{A}")
            .json(&with(profile.clone(), "/headline", json!({"vi": vietnamese(201)})))
            .invalid(&["headline.vi"]),
        Bad::new("5001 characters", Who::OwnAdmin, "PUT /exhibitors/{A}")
            .json(&with(profile.clone(), "/about", json!({"vi": vietnamese(5001)})))
            .invalid(&["about.vi"]),
        Bad::new("201 characters", Who::OwnRep, "POST /exhibitors/{A}/products")
            .json(&with(product.clone(), "/name", json!({"vi": vietnamese(201)})))
            .invalid(&["name.vi"]),
        Bad::new("121 characters", Who::OwnAdmin, "POST /exhibitors/{A}/staff")
            .json(&with(staff_body(), "/full_name", json!(vietnamese(121))))
            .invalid(&["full_name"]),
        Bad::new("201 characters", Who::Organiser, "POST /buyers").json(&buyer_input(&vietnamese(201), "JP")).invalid(&["company_name"]),
        Bad::new("201 characters", Who::OwnBuyer, "POST /buyers/{X}/needs")
            .json(&with(need.clone(), "/title", json!(vietnamese(201))))
            .invalid(&["title"]),
        Bad::new("121 characters", Who::OwnRep, "PUT /auth/me").json(&with(me, "/display_name", json!(vietnamese(121)))).invalid(&["display_name"]),
    ];
    let report = refuse_all(&fx, cases).await;
    report.check();
}

/// Ids in paths that are not UUIDs.
#[tokio::test]
async fn ids_in_paths_must_be_uuids() {
    let fx = Fixture::new().await;
    let profile = exhibitor_profile("Công ty TNHH Cơ khí Chính xác A");
    let with_body = |route: &str, body: &Value| Bad::new("", Who::Organiser, route).json(body);
    let mut cases = Vec::new();
    for bad_id in ["not-a-uuid", "123", "{A}0", "0000000g-0000-0000-0000-000000000000", "%00", "'%20OR%201=1"] {
        #[rustfmt::skip]
        let routes = vec![
            with_body(&format!("PUT /exhibitors/{bad_id}"), &profile),
            with_body(&format!("PUT /exhibitors/{bad_id}/placement"), &json!({"online_booth": true})),
            Bad::new("", Who::Organiser, &format!("DELETE /exhibitors/{bad_id}")),
            with_body(&format!("POST /exhibitors/{bad_id}/products"), &product_body()),
            with_body(&format!("PUT /products/{bad_id}"), &product_body()),
            Bad::new("", Who::Organiser, &format!("DELETE /products/{bad_id}")),
            with_body(&format!("POST /exhibitors/{bad_id}/certifications"), &certification_body()),
            with_body(&format!("PUT /certifications/{bad_id}"), &certification_body()),
            Bad::new("", Who::Organiser, &format!("DELETE /certifications/{bad_id}")),
            Bad::new("", Who::Organiser, &format!("DELETE /media/{bad_id}")),
            with_body(&format!("POST /exhibitors/{bad_id}/staff"), &staff_body()),
            with_body(&format!("PUT /staff/{bad_id}"), &staff_body()),
            Bad::new("", Who::Organiser, &format!("DELETE /staff/{bad_id}")),
            with_body(&format!("PUT /buyers/{bad_id}"), &buyer_input("Kanagawa Buhin", "JP")),
            Bad::new("", Who::Organiser, &format!("DELETE /buyers/{bad_id}")),
            with_body(&format!("POST /buyers/{bad_id}/needs"), &need_body()),
            with_body(&format!("PUT /needs/{bad_id}"), &need_body()),
            Bad::new("", Who::Organiser, &format!("DELETE /needs/{bad_id}")),
            Bad::new("", Who::Organiser, &format!("GET /exhibitors/{bad_id}")),
            Bad::new("", Who::Anonymous, &format!("GET /exhibitors/{bad_id}/products")),
            Bad::new("", Who::Anonymous, &format!("GET /products/{bad_id}")),
            Bad::new("", Who::Anonymous, &format!("GET /media/{bad_id}/content")),
            Bad::new("", Who::Organiser, &format!("GET /buyers/{bad_id}")),
            Bad::new("", Who::Organiser, &format!("GET /buyers/{bad_id}/needs")),
        ];
        cases.extend(routes.into_iter().map(|case| {
            let mut case = case.is(400, "invalid_path");
            case.name = format!("id `{bad_id}`");
            case
        }));
    }
    // Booth slugs are no UUIDs, but odd ones are simply not found.
    // SERVER BUG (reported): `%00` is a 500 on PostgreSQL (the NUL reaches the query).
    let long_slug = "x".repeat(61);
    for slug in ["%00", "no-such-booth", long_slug.as_str(), "..%2F..%2Fetc%2Fpasswd"] {
        cases.push(
            Bad::new(format!("slug `{slug}`"), Who::Anonymous, &format!("GET /booths/{slug}")).is(404, "not_found"),
        );
    }
    // A rightful exhibitor staff member (not only organisers) gets the same answer.
    cases.push(Bad::new("id `123`", Who::OwnRep, "PUT /exhibitors/123").json(&profile).is(400, "invalid_path"));
    cases.push(Bad::new("id `123`", Who::OwnBuyer, "PUT /needs/123").json(&need_body()).is(400, "invalid_path"));
    let report = refuse_all(&fx, cases).await;
    report.check();
}

/// Query parameters of the lists and the directory.
#[tokio::test]
async fn bad_query_parameters_are_refused() {
    let fx = Fixture::new().await;
    let long_query = format!("GET /directory?q={}", "ép".repeat(101));
    let lists = [
        (Who::Organiser, "GET /exhibitors"),
        (Who::Anonymous, "GET /exhibitors/{A}/products"),
        (Who::Organiser, "GET /buyers"),
        (Who::OwnBuyer, "GET /buyers/{X}/needs"),
        (Who::Organiser, "GET /invitations"),
        (Who::Anonymous, "GET /directory"),
    ];
    let mut cases = Vec::new();
    for (who, list) in lists {
        for (query, code) in [
            ("limit=0", "invalid_query"),
            ("limit=101", "invalid_query"),
            ("limit=-1", "invalid_query"),
            ("limit=abc", "invalid_query"),
            ("limit=99999999999", "invalid_query"),
            ("cursor=garbage!", "invalid_cursor"),
            ("cursor=AAAA", "invalid_cursor"),
        ] {
            cases.push(Bad::new(query, who, &format!("{list}?{query}")).is(400, code));
        }
    }
    for query in [
        "sort=loudest",
        "sector=ZZ",
        "group=ZZ9",
        "process=P02,P99",
        "cert=NOPE",
        "province=atlantis",
        "park=nowhere",
        "size=huge",
        "market=ZZ",
        "business=pirate",
        "certified=maybe",
        "online=2",
    ] {
        cases.push(Bad::new(query, Who::Anonymous, &format!("GET /directory?{query}")).is(400, "invalid_query"));
    }
    cases.extend([
        Bad::new("q of 202 characters", Who::Anonymous, &long_query).is(400, "invalid_query"),
        Bad::new("unknown country", Who::Organiser, "GET /buyers?country=ZZ").is(400, "invalid_query"),
        Bad::new("organisation that is no UUID", Who::Organiser, "GET /invitations?organisation_id=nope")
            .is(400, "invalid_query"),
    ]);
    let report = refuse_all(&fx, cases).await;
    report.check();
}
