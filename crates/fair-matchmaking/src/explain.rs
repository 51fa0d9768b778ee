//! Why a match: the parts of a score, phrased for the viewer in their language.

use chrono::{Datelike, NaiveDate};
use fair_domain::taxonomy;
use fair_domain::{Language, UiLanguage};
use fair_search::DirectoryDoc;

use crate::score::{PairScore, Part, Preference, Side, Veto};

/// One reason, in the viewer's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// Stable kind, e.g. `processes`, `certifications`, `language`.
    pub kind: &'static str,
    pub text: String,
    pub points: i32,
}

/// A score, explained.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explanation {
    /// What speaks for the match, strongest first.
    pub reasons: Vec<Reason>,
    /// What speaks against it (without ruling it out).
    pub warnings: Vec<Reason>,
    /// Why the pair must not meet, if it must not.
    pub veto: Option<String>,
}

/// Four phrasings of one message; `{}` placeholders are filled in order.
struct Phrase {
    vi: &'static str,
    en: &'static str,
    ja: &'static str,
    zh: &'static str,
}

impl Phrase {
    fn render(&self, language: UiLanguage, args: &[String]) -> String {
        let template = match language {
            UiLanguage::Vietnamese => self.vi,
            UiLanguage::English => self.en,
            UiLanguage::Japanese => self.ja,
            UiLanguage::ChineseTraditional => self.zh,
        };
        let mut out = String::with_capacity(template.len() + 32);
        let mut args = args.iter();
        let mut rest = template;
        while let Some(at) = rest.find("{}") {
            out.push_str(&rest[..at]);
            out.push_str(args.next().map_or("", String::as_str));
            rest = &rest[at + 2..];
        }
        out.push_str(rest);
        out
    }
}

macro_rules! phrase {
    ($vi:literal, $en:literal, $ja:literal, $zh:literal) => {
        Phrase { vi: $vi, en: $en, ja: $ja, zh: $zh }
    };
}

const BOTH_WANT: Phrase =
    phrase!("Hai bên đều muốn gặp nhau", "You both want to meet", "双方が面談を希望しています", "雙方都希望會面");
const YOU_MARKED_MUST: Phrase = phrase!(
    "Bạn đã đánh dấu “Phải gặp”",
    "You marked them Must meet",
    "「必ず会う」に指定済み",
    "您已標記為「必須會面」"
);
const YOU_MARKED_MEET: Phrase =
    phrase!("Bạn đã đánh dấu “Muốn gặp”", "You marked them Meet", "「会いたい」に指定済み", "您已標記為「希望會面」");
const BUYER_WANTS: Phrase = phrase!(
    "Người mua muốn gặp bạn",
    "The buyer wants to meet you",
    "バイヤーが貴社との面談を希望しています",
    "買家希望與您會面"
);
const SUPPLIER_WANTS: Phrase = phrase!(
    "Nhà cung cấp muốn gặp bạn",
    "The supplier wants to meet you",
    "サプライヤーが面談を希望しています",
    "供應商希望與您會面"
);
const THEY_MAKE: Phrase = phrase!("Họ sản xuất {}", "They make {}", "{}を製造しています", "對方生產{}");
const THEY_NEED_YOU_MAKE: Phrase = phrase!(
    "Họ cần {} – đúng mặt hàng bạn sản xuất",
    "They need {}, which you make",
    "{}を求めており、貴社の製品に合致します",
    "對方需要{}，正是您生產的產品"
);
const SAME_SECTOR: Phrase = phrase!("Cùng ngành {}", "Same sector: {}", "同じ業種：{}", "同一產業：{}");
const HS_MATCH: Phrase =
    phrase!("Mã HS {} khớp với {}", "HS {} matches {}", "HSコード{}が{}と一致", "HS編碼{}與{}相符");
const YOU_NEED_THEY_DO: Phrase =
    phrase!("Bạn cần {}; họ làm {}", "You need {}; they do {}", "ご要望の{}に対応しています", "您需要{}；對方具備{}");
const THEY_NEED_YOU_DO: Phrase = phrase!(
    "Họ cần {}; bạn làm {}",
    "They need {}; you do {}",
    "{}を求めており、貴社は{}に対応しています",
    "對方需要{}；您具備{}"
);
const THEIR_PRODUCT: Phrase = phrase!(
    "Sản phẩm “{}” của họ sát với yêu cầu của bạn",
    "Their product “{}” fits your request",
    "同社の「{}」がご要望に合致します",
    "對方的「{}」符合您的需求"
);
const YOUR_PRODUCT: Phrase = phrase!(
    "Sản phẩm “{}” của bạn sát với yêu cầu của họ",
    "Your product “{}” fits their request",
    "貴社の「{}」が先方の要望に合致します",
    "您的「{}」符合對方的需求"
);
const WORDS_MATCH: Phrase = phrase!(
    "Hồ sơ khớp với yêu cầu",
    "The profile matches the request",
    "プロフィールが要望に合致します",
    "簡介與需求相符"
);
const VALID_UNTIL: Phrase = phrase!("{} còn hiệu lực đến {}", "{} valid until {}", "{}（{}まで有効）", "{}有效至{}");
const CERTIFIED: Phrase = phrase!("Có chứng chỉ {} còn hiệu lực", "Certified: {}", "{}認証を取得", "已取得{}認證");
const COMMON_LANGUAGE: Phrase = phrase!("Ngôn ngữ chung: {}", "Common language: {}", "共通言語：{}", "共同語言：{}");
const INTERPRETER: Phrase = phrase!(
    "Có phiên dịch tiếng Việt–{}",
    "A Vietnamese–{} interpreter is available",
    "ベトナム語⇔{}の通訳を手配できます",
    "可安排越南語⇔{}口譯"
);
const NO_LANGUAGE: Phrase = phrase!(
    "Không có ngôn ngữ chung và chưa có phiên dịch",
    "No common language and no interpreter",
    "共通言語がなく、通訳もいません",
    "無共同語言，也沒有口譯"
);
const CAPACITY_OK: Phrase = phrase!(
    "Công suất {} {}/tháng, đủ cho {}/tháng",
    "Capacity {} {}/month covers {}/month",
    "月産能力{} {}（必要量{}/月）",
    "月產能{} {}，足以供應每月{}"
);
const CAPACITY_SHORT: Phrase = phrase!(
    "Công suất {} {}/tháng, chưa đủ {}/tháng",
    "Capacity {} {}/month, short of {}/month",
    "月産能力{} {}は必要量{}/月に届きません",
    "月產能{} {}，不足每月{}"
);
const MOQ_FITS: Phrase = phrase!(
    "MOQ {} {} phù hợp khối lượng hàng tháng",
    "MOQ {} {} fits the monthly volume",
    "最小発注数量{} {}は月間数量に適合",
    "最小訂購量{} {}符合每月用量"
);
const MOQ_TOO_HIGH: Phrase = phrase!(
    "MOQ {} {} cao hơn khối lượng hàng tháng ({})",
    "MOQ {} {} is above the monthly volume ({})",
    "最小発注数量{} {}が月間数量（{}）を超えます",
    "最小訂購量{} {}高於每月用量（{}）"
);
const TOLERANCE_FITS: Phrase = phrase!(
    "Dung sai ±{} µm (yêu cầu ±{} µm)",
    "Holds ±{} µm (±{} µm needed)",
    "公差±{} µm（要求±{} µm）に対応",
    "公差±{} µm（要求±{} µm）"
);
const TOLERANCE_MISSES: Phrase = phrase!(
    "Dung sai ±{} µm, chưa đạt ±{} µm",
    "Holds ±{} µm, not the ±{} µm needed",
    "公差±{} µmで、要求の±{} µmに届きません",
    "公差±{} µm，未達要求的±{} µm"
);
const EXPORTS_THERE: Phrase =
    phrase!("Đã xuất khẩu sang {}", "Already exports to {}", "{}への輸出実績あり", "已有出口至{}的經驗");
const TRADER: Phrase = phrase!(
    "Công ty thương mại, không phải nhà sản xuất",
    "A trading company, not a manufacturer",
    "商社であり、メーカーではありません",
    "貿易商，非製造商"
);
const VETO_NO_THANKS_YOU: Phrase =
    phrase!("Bạn đã chọn “Không gặp”", "You said No thanks", "「会わない」に指定済み", "您已選擇「不會面」");
const VETO_NO_THANKS_THEM: Phrase = phrase!(
    "Bên kia đã chọn “Không gặp”",
    "They said No thanks",
    "先方が「会わない」を選択しました",
    "對方已選擇「不會面」"
);
const VETO_MISSING: Phrase =
    phrase!("Thiếu chứng chỉ bắt buộc {}", "Missing the required {}", "必須の{}がありません", "缺少必要的{}");
const VETO_EXPIRED: Phrase = phrase!(
    "Chứng chỉ bắt buộc {} đã hết hạn ngày {}",
    "The required {} expired on {}",
    "必須の{}は{}に失効しています",
    "必要的{}已於{}到期"
);
const VETO_RULE: Phrase = phrase!(
    "Ban tổ chức không xếp cặp này",
    "Excluded by the organisers' rules",
    "主催者の規則により対象外です",
    "依主辦單位規則排除"
);

fn language_name(language: Language, viewer: UiLanguage) -> &'static str {
    use Language::*;
    let names: [&'static str; 4] = match language {
        Vietnamese => ["tiếng Việt", "Vietnamese", "ベトナム語", "越南語"],
        English => ["tiếng Anh", "English", "英語", "英語"],
        Japanese => ["tiếng Nhật", "Japanese", "日本語", "日語"],
        ChineseTraditional => ["tiếng Trung (phồn thể)", "Chinese (Traditional)", "中国語（繁体字）", "繁體中文"],
        ChineseSimplified => ["tiếng Trung (giản thể)", "Chinese (Simplified)", "中国語（簡体字）", "簡體中文"],
        Korean => ["tiếng Hàn", "Korean", "韓国語", "韓語"],
        Thai => ["tiếng Thái", "Thai", "タイ語", "泰語"],
    };
    names[viewer as usize]
}

fn date(day: NaiveDate, viewer: UiLanguage) -> String {
    match viewer {
        UiLanguage::Vietnamese => format!("{:02}/{:02}/{}", day.day(), day.month(), day.year()),
        UiLanguage::English => day.format("%-d %b %Y").to_string(),
        UiLanguage::Japanese | UiLanguage::ChineseTraditional => {
            format!("{}年{}月{}日", day.year(), day.month(), day.day())
        }
    }
}

/// A quantity with thousands grouped as the viewer's language does (1.000 / 1,000).
fn number(value: i64, viewer: UiLanguage) -> String {
    let separator = if viewer == UiLanguage::Vietnamese { '.' } else { ',' };
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    if value < 0 { format!("-{grouped}") } else { grouped }
}

fn list(items: &[String], viewer: UiLanguage) -> String {
    let separator = match viewer {
        UiLanguage::Japanese | UiLanguage::ChineseTraditional => "、",
        _ => ", ",
    };
    items.join(separator)
}

fn process_labels(codes: &[String], viewer: UiLanguage) -> String {
    let labels: Vec<String> = codes
        .iter()
        .map(|code| taxonomy::process(code).map_or_else(|| code.clone(), |p| p.labels.get(viewer).to_owned()))
        .collect();
    list(&labels, viewer)
}

fn group_label(code: &str, viewer: UiLanguage) -> String {
    taxonomy::product_group(code).map_or_else(|| code.to_owned(), |g| g.labels.get(viewer).to_owned())
}

fn country_label(code: &str, viewer: UiLanguage) -> String {
    taxonomy::country(code).map_or_else(|| code.to_owned(), |c| c.labels.get(viewer).to_owned())
}

fn standard_name(code: &str) -> String {
    taxonomy::certification(code).map_or_else(|| code.to_owned(), |c| c.name.to_owned())
}

/// The product's name in the viewer's language, else English, else Vietnamese.
fn product_name(doc: &DirectoryDoc, id: uuid::Uuid, viewer: UiLanguage) -> Option<String> {
    let product = doc.products.iter().find(|p| p.id == id)?;
    [viewer.tag(), "en", "vi"]
        .iter()
        .find_map(|tag| product.name.get(*tag))
        .or_else(|| product.name.values().next())
        .cloned()
}

fn unit(unit: &str, viewer: UiLanguage) -> &str {
    let names: Option<[&'static str; 4]> = match unit {
        "pcs" => Some(["cái", "pcs", "個", "件"]),
        "sets" => Some(["bộ", "sets", "セット", "套"]),
        "kg" => Some(["kg", "kg", "kg", "公斤"]),
        "t" => Some(["tấn", "t", "トン", "公噸"]),
        "m" => Some(["m", "m", "m", "公尺"]),
        "m2" => Some(["m²", "m²", "m²", "平方公尺"]),
        "l" => Some(["lít", "l", "L", "公升"]),
        _ => None,
    };
    names.map_or(unit, |names| names[viewer as usize])
}

/// Explains a score to `viewer` (buyer or supplier) in `language`.
pub fn explain(score: &PairScore, doc: &DirectoryDoc, viewer: Side, language: UiLanguage) -> Explanation {
    let l = language;
    let mut reasons = Vec::new();
    let mut warnings = Vec::new();
    for scored in &score.parts {
        let (kind, text) = match &scored.part {
            Part::Interest { buyer, supplier } => {
                let wants = |p: &Option<Preference>| matches!(p, Some(Preference::Must | Preference::Meet));
                let text = if wants(buyer) && wants(supplier) {
                    BOTH_WANT.render(l, &[])
                } else {
                    let (mine, theirs) = match viewer {
                        Side::Buyer => (buyer, supplier),
                        Side::Supplier => (supplier, buyer),
                    };
                    match (mine, theirs) {
                        (Some(Preference::Must), _) => YOU_MARKED_MUST.render(l, &[]),
                        (Some(Preference::Meet), _) => YOU_MARKED_MEET.render(l, &[]),
                        _ if viewer == Side::Buyer => SUPPLIER_WANTS.render(l, &[]),
                        _ => BUYER_WANTS.render(l, &[]),
                    }
                };
                ("interest", text)
            }
            Part::ProductGroup { group, exact: true, .. } => {
                let label = group_label(group, l);
                let phrase = if viewer == Side::Buyer { &THEY_MAKE } else { &THEY_NEED_YOU_MAKE };
                ("product_group", phrase.render(l, &[label]))
            }
            Part::ProductGroup { group, exact: false, .. } => {
                let sector = taxonomy::product_group(group)
                    .and_then(|g| taxonomy::sector(g.sector))
                    .map_or_else(String::new, |s| s.labels.get(l).to_owned());
                ("sector", SAME_SECTOR.render(l, &[sector]))
            }
            Part::HsCode { need, product, .. } => ("hs_code", HS_MATCH.render(l, &[need.clone(), product.clone()])),
            Part::Processes { matched, .. } => {
                let labels = process_labels(matched, l);
                let phrase = if viewer == Side::Buyer { &YOU_NEED_THEY_DO } else { &THEY_NEED_YOU_DO };
                ("processes", phrase.render(l, &[labels.clone(), labels]))
            }
            Part::Text { product, .. } => {
                let text = match product.and_then(|id| product_name(doc, id, l)) {
                    Some(name) if viewer == Side::Buyer => THEIR_PRODUCT.render(l, &[name]),
                    Some(name) => YOUR_PRODUCT.render(l, &[name]),
                    None => WORDS_MATCH.render(l, &[]),
                };
                ("text", text)
            }
            Part::Certifications { valid } => {
                let items: Vec<String> = valid
                    .iter()
                    .map(|(code, until)| VALID_UNTIL.render(l, &[standard_name(code), date(*until, l)]))
                    .collect();
                ("certifications", list(&items, l))
            }
            Part::Certified { standards } => {
                let names: Vec<String> = standards.iter().map(|s| standard_name(s)).collect();
                ("certified", CERTIFIED.render(l, &[list(&names, l)]))
            }
            Part::Language { common: Some(language), .. } => {
                ("language", COMMON_LANGUAGE.render(l, &[language_name(*language, l).to_owned()]))
            }
            Part::Language { interpreter: Some(language), .. } => {
                ("interpreter", INTERPRETER.render(l, &[language_name(*language, l).to_owned()]))
            }
            Part::Language { .. } | Part::NoLanguage => ("no_language", NO_LANGUAGE.render(l, &[])),
            Part::Capacity { monthly, needed, unit: u, enough } => {
                let phrase = if *enough { &CAPACITY_OK } else { &CAPACITY_SHORT };
                ("capacity", phrase.render(l, &[number(*monthly, l), unit(u, l).to_owned(), number(*needed, l)]))
            }
            Part::MinimumOrder { moq, monthly_need, unit: u, fits } => {
                let text = if *fits {
                    MOQ_FITS.render(l, &[number(*moq, l), unit(u, l).to_owned()])
                } else {
                    MOQ_TOO_HIGH.render(l, &[number(*moq, l), unit(u, l).to_owned(), number(*monthly_need, l)])
                };
                ("minimum_order", text)
            }
            Part::Tolerance { theirs, needed, fits } => {
                let phrase = if *fits { &TOLERANCE_FITS } else { &TOLERANCE_MISSES };
                ("tolerance", phrase.render(l, &[theirs.to_string(), needed.to_string()]))
            }
            Part::ExportExperience { country } => ("exports", EXPORTS_THERE.render(l, &[country_label(country, l)])),
            Part::Trader => ("trader", TRADER.render(l, &[])),
        };
        let reason = Reason { kind, text, points: scored.points };
        if scored.points > 0 {
            reasons.push(reason);
        } else {
            warnings.push(reason);
        }
    }
    reasons.sort_by(|a, b| b.points.cmp(&a.points).then(a.kind.cmp(b.kind)));
    warnings.sort_by(|a, b| a.points.cmp(&b.points).then(a.kind.cmp(b.kind)));
    let veto = score.veto.as_ref().map(|veto| match veto {
        Veto::NoThanks { by } if *by == viewer => VETO_NO_THANKS_YOU.render(l, &[]),
        Veto::NoThanks { .. } => VETO_NO_THANKS_THEM.render(l, &[]),
        Veto::MissingCertificate { standard } => VETO_MISSING.render(l, &[standard_name(standard)]),
        Veto::ExpiredCertificate { standard, expired_on } => {
            VETO_EXPIRED.render(l, &[standard_name(standard), date(*expired_on, l)])
        }
        Veto::Rule => VETO_RULE.render(l, &[]),
    });
    Explanation { reasons, warnings, veto }
}

const NO_THANKS_SOMEONE: Phrase = phrase!(
    "Một bên đã chọn “Không gặp”",
    "One side said No thanks",
    "一方が「会わない」を選択しました",
    "一方已選擇「不會面」"
);
const LEFT_BUYER_FULL: Phrase = phrase!(
    "Người mua đã đủ số cuộc gặp tối đa với các đối tác phù hợp hơn",
    "The buyer's meetings are full with better matches",
    "バイヤーの面談枠は、より適合度の高い相手で埋まっています",
    "買家的會面名額已由更合適的對象排滿"
);
const LEFT_SUPPLIER_FULL: Phrase = phrase!(
    "Nhà cung cấp đã đủ số cuộc gặp tối đa với các đối tác phù hợp hơn",
    "The supplier's meetings are full with better matches",
    "サプライヤーの面談枠は、より適合度の高い相手で埋まっています",
    "供應商的會面名額已由更合適的對象排滿"
);
const LEFT_NO_COMMON_SLOT: Phrase = phrase!(
    "Hai bên không có khung giờ rảnh chung",
    "The two are never free at the same time",
    "双方の空き時間が重なりません",
    "雙方沒有共同的空檔"
);
const LEFT_NO_INTERPRETER: Phrase = phrase!(
    "Không có phiên dịch viên rảnh khi cả hai bên đều rảnh",
    "No interpreter is free when both are",
    "双方の空き時間に対応できる通訳者がいません",
    "雙方有空時沒有可用的口譯員"
);
const LEFT_NO_TABLE: Phrase = phrase!(
    "Không còn bàn gặp trống khi cả hai bên đều rảnh",
    "No table is free when both are",
    "双方の空き時間に空いている商談テーブルがありません",
    "雙方有空時沒有空的洽談桌"
);
const LEFT_CROWDED: Phrase = phrase!(
    "Các khung giờ rảnh chung đã dành cho cuộc gặp khác của hai bên",
    "Their common free slots went to their other meetings",
    "共通の空き時間は双方の他の面談で埋まっています",
    "共同空檔已排入雙方的其他會面"
);
const LEFT_LOWER_PRIORITY: Phrase = phrase!(
    "Cả hai còn chỗ, nhưng các cặp khác phù hợp hơn trên toàn hội chợ",
    "Both had room, but other pairs scored higher across the fair",
    "双方に空きはありましたが、全体としてより適合度の高い組み合わせが優先されました",
    "雙方仍有名額，但整體而言其他配對更合適"
);
const LEFT_UNKNOWN: Phrase =
    phrase!("Không xếp được lịch", "Could not be scheduled", "日程に組み込めませんでした", "無法排入日程");

impl Veto {
    /// A stable code with its details: `no_thanks`, `missing_certificate:ISO_9001`,
    /// `expired_certificate:IATF_16949:2026-03-01`, `rule`.
    pub fn code(&self) -> String {
        match self {
            Veto::NoThanks { .. } => "no_thanks".to_owned(),
            Veto::MissingCertificate { standard } => format!("missing_certificate:{standard}"),
            Veto::ExpiredCertificate { standard, expired_on } => format!("expired_certificate:{standard}:{expired_on}"),
            Veto::Rule => "rule".to_owned(),
        }
    }
}

/// Why a pair has no meeting, for the organisers, from a scheduler reason code
/// ([`crate::schedule::LeftOut::code`] or [`Veto::code`]).
pub fn unscheduled_text(code: &str, language: UiLanguage) -> String {
    let l = language;
    let mut parts = code.split(':');
    match (parts.next().unwrap_or_default(), parts.next(), parts.next()) {
        ("buyer_full", ..) => LEFT_BUYER_FULL.render(l, &[]),
        ("supplier_full", ..) => LEFT_SUPPLIER_FULL.render(l, &[]),
        ("no_common_slot", ..) => LEFT_NO_COMMON_SLOT.render(l, &[]),
        ("no_interpreter", ..) => LEFT_NO_INTERPRETER.render(l, &[]),
        ("no_table", ..) => LEFT_NO_TABLE.render(l, &[]),
        ("crowded", ..) => LEFT_CROWDED.render(l, &[]),
        ("lower_priority", ..) => LEFT_LOWER_PRIORITY.render(l, &[]),
        ("no_thanks", ..) => NO_THANKS_SOMEONE.render(l, &[]),
        ("rule", ..) => VETO_RULE.render(l, &[]),
        ("missing_certificate", Some(standard), _) => VETO_MISSING.render(l, &[standard_name(standard)]),
        ("expired_certificate", Some(standard), Some(day)) => match day.parse::<NaiveDate>() {
            Ok(day) => VETO_EXPIRED.render(l, &[standard_name(standard), date(day, l)]),
            Err(_) => VETO_MISSING.render(l, &[standard_name(standard)]),
        },
        _ => LEFT_UNKNOWN.render(l, &[]),
    }
}
