//! Buyers: Japanese, Korean, Taiwanese, Hong Kong, mainland Chinese and Thai
//! manufacturers and Vietnamese OEMs, their people, and what they need.

use std::collections::{BTreeMap, BTreeSet};

use fair_domain::Language;
use fair_domain::taxonomy::country;

use crate::accounts::{EmailBook, demo_account};
use crate::names::{buyer_company, foreign_person};
use crate::needs::{IndustryNames, need, need_item};
use crate::pick::{Rng, chance, weighted};
use crate::{DemoBuyer, DemoBuyerPerson, DemoOptions};

/// Buyers by country: Japan about a third, then Korea, Taiwan, Hong Kong, China,
/// Thailand and Vietnamese OEMs.
pub(crate) const COUNTRY_SHARES: &[(&str, f64)] =
    &[("JP", 34.0), ("KR", 17.0), ("TW", 14.0), ("HK", 9.0), ("CN", 9.0), ("TH", 7.0), ("VN", 10.0)];

/// The languages a buyer of the country reads and writes, own language first.
pub(crate) fn languages_of(country: &str) -> Vec<Language> {
    use Language::*;
    match country {
        "JP" => vec![Japanese, English],
        "KR" => vec![Korean, English],
        "TW" | "HK" => vec![ChineseTraditional, English],
        "CN" => vec![ChineseSimplified],
        "TH" => vec![Thai, English],
        _ => vec![Vietnamese, English],
    }
}

/// How often a buyer of the country writes a need in English rather than its own
/// language (Thai buyers always do).
fn english_share(country: &str) -> f64 {
    match country {
        "JP" => 0.15,
        "KR" => 0.25,
        "TW" => 0.2,
        "HK" => 0.35,
        "CN" => 0.0,
        "TH" => 1.0,
        _ => 0.15,
    }
}

/// A buyer's industry: its names, the kind of company it is (an index into the
/// company-name tables) and the items it buys.
struct Industry {
    key: &'static str,
    names: IndustryNames,
    class: usize,
    items: &'static [&'static str],
}

const fn names(
    en: &'static str,
    ja: &'static str,
    zh_hant: &'static str,
    zh_hans: &'static str,
    ko: &'static str,
    vi: &'static str,
) -> IndustryNames {
    IndustryNames { en, ja, zh_hant, zh_hans, ko, vi }
}

static INDUSTRIES: &[Industry] = &[
    Industry {
        key: "motorcycles",
        names: names("Motorcycle assembly", "二輪車組立", "機車組裝", "摩托车组装", "오토바이 조립", "lắp ráp xe máy"),
        class: 3,
        items: &["moto_cover", "moto_diecast", "sprocket", "cnc_shaft", "moto_harness", "springs", "bolts"],
    },
    Industry {
        key: "automotive",
        names: names(
            "Automotive parts (Tier 1)",
            "自動車部品（Tier1）",
            "汽車零組件（一級供應商）",
            "汽车零部件（一级供应商）",
            "자동차 부품(1차 협력사)",
            "phụ tùng ô tô (nhà cung cấp cấp 1)",
        ),
        class: 3,
        items: &[
            "auto_harness",
            "auto_bracket",
            "engine_bracket",
            "brake_part",
            "seat_frame",
            "rubber_gasket",
            "gears",
        ],
    },
    Industry {
        key: "printers",
        names: names(
            "Printers and office equipment",
            "プリンター・事務機器",
            "印表機與辦公設備",
            "打印机与办公设备",
            "프린터·사무기기",
            "máy in và thiết bị văn phòng",
        ),
        class: 2,
        items: &[
            "abs_cover",
            "pa_parts",
            "cnc_shaft",
            "stamped_bracket",
            "injection_mould",
            "pcba",
            "silicone_keypad",
            "springs",
        ],
    },
    Industry {
        key: "camera",
        names: names(
            "Camera modules and optics",
            "カメラモジュール・光学機器",
            "相機模組與光學",
            "摄像头模组与光学",
            "카메라 모듈·광학",
            "mô-đun camera và quang học",
        ),
        class: 5,
        items: &["diecast_housing", "lens_holder", "pcba", "pa_parts", "precision_block"],
    },
    Industry {
        key: "aircon",
        names: names("Air-conditioners", "エアコン", "空調設備", "空调设备", "에어컨", "điều hòa không khí"),
        class: 1,
        items: &[
            "abs_cover",
            "sheet_metal_casing",
            "motor_lamination",
            "appliance_harness",
            "rubber_gasket",
            "stamped_bracket",
            "pcba",
        ],
    },
    Industry {
        key: "appliances",
        names: names("Home appliances", "家電製品", "家用電器", "家用电器", "가전제품", "thiết bị điện gia dụng"),
        class: 1,
        items: &[
            "abs_cover",
            "appliance_harness",
            "stamped_bracket",
            "silicone_keypad",
            "rubber_gasket",
            "pcba",
            "springs",
            "injection_mould",
        ],
    },
    Industry {
        key: "medical",
        names: names("Medical devices", "医療機器", "醫療器材", "医疗器械", "의료기기", "thiết bị y tế"),
        class: 5,
        items: &["medical_moulded", "medical_machined", "pcba"],
    },
    Industry {
        key: "power_tools",
        names: names("Power tools", "電動工具", "電動工具", "电动工具", "전동공구", "dụng cụ điện cầm tay"),
        class: 0,
        items: &["diecast_housing", "gears", "motor_lamination", "pa_parts", "battery_pack"],
    },
    Industry {
        key: "machinery",
        names: names("Industrial machinery", "産業機械", "工業機械", "工业机械", "산업기계", "máy công nghiệp"),
        class: 0,
        items: &[
            "precision_block",
            "cnc_shaft",
            "welded_frame",
            "sand_casting",
            "jig_fixture",
            "gears",
            "forged_flange",
            "plating_service",
            "heat_treatment_service",
            "press_die",
        ],
    },
    Industry {
        key: "garments",
        names: names("Garments", "アパレル", "成衣", "服装", "의류", "may mặc"),
        class: 4,
        items: &["woven_fabric", "knit_fabric", "zippers", "woven_labels", "buttons"],
    },
    Industry {
        key: "footwear",
        names: names("Footwear", "靴・履物", "製鞋", "制鞋", "신발", "giày dép"),
        class: 4,
        items: &["eva_sole", "finished_leather", "pu_leather", "eyelets"],
    },
    Industry {
        key: "consumer_electronics",
        names: names(
            "Consumer electronics",
            "民生用電子機器",
            "消費性電子產品",
            "消费电子产品",
            "소비자 가전",
            "điện tử tiêu dùng",
        ),
        class: 2,
        items: &["pcba", "silicone_keypad", "abs_cover", "speaker", "battery_pack", "appliance_harness", "pa_parts"],
    },
    Industry {
        key: "led",
        names: names("LED lighting", "LED照明", "LED照明", "LED照明", "LED 조명", "chiếu sáng LED"),
        class: 2,
        items: &["led_heatsink", "pcba", "pc_diffuser"],
    },
    Industry {
        key: "ebike",
        names: names(
            "Electric bicycles and scooters",
            "電動自転車・電動スクーター",
            "電動自行車與電動機車",
            "电动自行车与电动摩托车",
            "전기자전거·전동스쿠터",
            "xe đạp điện và xe máy điện",
        ),
        class: 3,
        items: &["battery_pack", "moto_cover", "motor_lamination", "moto_harness", "diecast_housing"],
    },
];

fn industry(key: &str) -> &'static Industry {
    INDUSTRIES.iter().find(|industry| industry.key == key).unwrap_or(&INDUSTRIES[0])
}

fn industries_of(country: &str) -> &'static [(&'static str, u32)] {
    match country {
        "JP" => &[
            ("motorcycles", 14),
            ("automotive", 16),
            ("printers", 14),
            ("camera", 8),
            ("aircon", 10),
            ("appliances", 10),
            ("medical", 6),
            ("power_tools", 8),
            ("machinery", 10),
            ("garments", 4),
        ],
        "KR" => &[
            ("consumer_electronics", 20),
            ("appliances", 16),
            ("aircon", 10),
            ("automotive", 16),
            ("garments", 12),
            ("footwear", 6),
            ("machinery", 8),
            ("led", 6),
        ],
        "TW" => &[
            ("camera", 12),
            ("consumer_electronics", 16),
            ("led", 10),
            ("footwear", 14),
            ("machinery", 10),
            ("ebike", 12),
            ("garments", 8),
            ("power_tools", 8),
        ],
        "HK" => &[
            ("garments", 25),
            ("consumer_electronics", 25),
            ("led", 12),
            ("footwear", 12),
            ("appliances", 10),
            ("power_tools", 8),
        ],
        "CN" => &[
            ("consumer_electronics", 20),
            ("led", 15),
            ("ebike", 15),
            ("machinery", 15),
            ("garments", 10),
            ("automotive", 10),
            ("appliances", 10),
        ],
        "TH" => &[("automotive", 35), ("motorcycles", 25), ("appliances", 20), ("aircon", 10), ("garments", 10)],
        _ => &[
            ("motorcycles", 20),
            ("appliances", 20),
            ("garments", 15),
            ("led", 15),
            ("aircon", 10),
            ("machinery", 10),
            ("ebike", 10),
        ],
    }
}

/// The four demo buyers: country, industry, the items of their needs, the UI
/// language and time zone of their account.
struct DemoBuyerSpec {
    country: &'static str,
    industry: &'static str,
    items: &'static [&'static str],
    ui_language: &'static str,
    time_zone: &'static str,
}

const DEMO_BUYERS: [DemoBuyerSpec; 4] = [
    DemoBuyerSpec {
        country: "JP",
        industry: "printers",
        items: &["abs_cover", "cnc_shaft", "stamped_bracket"],
        ui_language: "ja",
        time_zone: "Asia/Tokyo",
    },
    DemoBuyerSpec {
        country: "TW",
        industry: "camera",
        items: &["diecast_housing", "pa_parts", "lens_holder"],
        ui_language: "zh-Hant",
        time_zone: "Asia/Taipei",
    },
    DemoBuyerSpec {
        country: "KR",
        industry: "aircon",
        items: &["abs_cover", "stamped_bracket", "rubber_gasket"],
        ui_language: "en",
        time_zone: "Asia/Seoul",
    },
    DemoBuyerSpec {
        country: "VN",
        industry: "motorcycles",
        items: &["moto_cover", "moto_diecast", "sprocket"],
        ui_language: "vi",
        time_zone: "Asia/Ho_Chi_Minh",
    },
];

pub(crate) fn generate(rng: &mut Rng, options: &DemoOptions, book: &mut EmailBook) -> Vec<DemoBuyer> {
    let total = options.buyers;
    let demos: Vec<&DemoBuyerSpec> = DEMO_BUYERS.iter().take(total).collect();
    let fixed: Vec<&str> = demos.iter().map(|demo| demo.country).collect();
    let mut counts = crate::pick::apportion(total, &COUNTRY_SHARES.iter().map(|(_, share)| *share).collect::<Vec<_>>());
    for country in &fixed {
        if let Some(index) = COUNTRY_SHARES.iter().position(|(code, _)| code == country) {
            counts[index] = counts[index].saturating_sub(1);
        }
    }
    let mut countries: Vec<&'static str> = Vec::with_capacity(total);
    for ((code, _), count) in COUNTRY_SHARES.iter().zip(counts) {
        countries.extend(std::iter::repeat_n(*code, count));
    }
    countries.truncate(total.saturating_sub(demos.len()));
    rand::seq::SliceRandom::shuffle(countries.as_mut_slice(), rng);

    let mut company_names: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(total);
    for (number, demo) in demos.iter().enumerate() {
        let industry = industry(demo.industry);
        out.push(buyer(rng, demo.country, industry, Some((number + 1, demo)), &mut company_names, book));
    }
    for country in countries {
        let industry = industry(weighted::<&str>(rng, industries_of(country)));
        out.push(buyer(rng, country, industry, None, &mut company_names, book));
    }
    out
}

fn buyer(
    rng: &mut Rng,
    country_code: &'static str,
    industry: &'static Industry,
    demo: Option<(usize, &DemoBuyerSpec)>,
    company_names: &mut BTreeSet<String>,
    book: &mut EmailBook,
) -> DemoBuyer {
    let mut company = buyer_company(rng, country_code, industry.class);
    let mut attempts = 0;
    while company_names.contains(&company.name) && attempts < 100 {
        company = buyer_company(rng, country_code, industry.class);
        attempts += 1;
    }
    if company_names.contains(&company.name) {
        company.name = format!("{} ({})", company.name, industry.names.en);
    }
    company_names.insert(company.name.clone());

    let languages = languages_of(country_code);
    let own = languages[0];
    let time_zone = country(country_code).map_or("Asia/Ho_Chi_Minh", |c| c.time_zone);

    let people_count = if chance(rng, 0.4) { 2 } else { 1 };
    let mut people = Vec::new();
    for index in 0..people_count {
        let person = foreign_person(rng, country_code);
        let account = match demo {
            Some((number, spec)) if index == 0 => {
                Some(demo_account(book, &format!("buyer{number}"), &person.full, spec.ui_language, spec.time_zone))
            }
            _ => None,
        };
        let email = match &account {
            Some(account) => account.email.clone(),
            None => book.claim(&person.email_local, &company.domain),
        };
        people.push(DemoBuyerPerson { full_name: person.full, email, account });
    }

    let items: Vec<&'static str> = match demo {
        Some((_, spec)) => spec.items.to_vec(),
        None => {
            let count = *weighted(rng, &[(1usize, 25), (2, 35), (3, 25), (4, 15)]);
            let mut pool: Vec<&'static str> = industry.items.to_vec();
            rand::seq::SliceRandom::shuffle(pool.as_mut_slice(), rng);
            pool.truncate(count);
            pool
        }
    };
    let mut needs = Vec::new();
    for (index, key) in items.into_iter().enumerate() {
        let Some(item) = need_item(key) else { continue };
        let language = if demo.is_some() || !chance(rng, english_share(country_code)) {
            if country_code == "TH" { Language::English } else { own }
        } else {
            Language::English
        };
        // The demo buyers' first need asks for ISO 9001, the matching showcase.
        let require_iso9001 = (demo.is_some() && index == 0).then_some(true);
        needs.push(need(rng, item, &industry.names, language, country_code, require_iso9001));
    }

    let mut about = BTreeMap::new();
    if own != Language::Thai {
        about.insert(own, about_text(own, &industry.names));
    }
    if languages.contains(&Language::English) {
        about.insert(Language::English, about_text(Language::English, &industry.names));
    }

    DemoBuyer {
        company_name: company.name,
        company_name_local: Some(company.local),
        country: country_code,
        time_zone,
        languages,
        industry: industry.names.en.to_owned(),
        website: (demo.is_some() || chance(rng, 0.9)).then(|| format!("https://www.{}", company.domain)),
        about,
        people,
        needs,
    }
}

fn about_text(language: Language, industry: &IndustryNames) -> String {
    let name = industry.get(language);
    match language {
        Language::Japanese => format!(
            "{name}メーカー。ベトナム北部での部品の現地調達を拡大しており、品質・コスト・納期（QCD）を満たすサプライヤーを探しています。"
        ),
        Language::ChineseTraditional => {
            format!("本公司為{name}製造商，正擴大在越南北部的在地採購，尋找符合品質、成本與交期（QCD）要求的供應商。")
        }
        Language::ChineseSimplified => {
            format!("我司是{name}制造商，正在扩大在越南北部的本地采购，寻找满足质量、成本和交期（QCD）要求的供应商。")
        }
        Language::Korean => {
            format!("당사는 {name} 제조업체로, 베트남 북부에서 부품 현지 조달을 확대하고 있습니다.")
        }
        Language::Vietnamese => {
            format!("Doanh nghiệp {name} tại Việt Nam, đang mở rộng mạng lưới nhà cung cấp linh kiện nội địa.")
        }
        Language::English | Language::Thai => {
            format!("{name} manufacturer expanding local sourcing of parts in northern Vietnam.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_industry_item_exists_and_every_country_has_industries() {
        for industry in INDUSTRIES {
            for key in industry.items {
                assert!(need_item(key).is_some(), "{} lists unknown item {key}", industry.key);
            }
        }
        for (country, _) in COUNTRY_SHARES {
            for (key, _) in industries_of(country) {
                assert_eq!(industry(key).key, *key, "{country}: unknown industry {key}");
            }
        }
    }
}
