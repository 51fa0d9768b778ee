//! Where suppliers are: provinces and industrial parks of the taxonomy, addresses and
//! Vietnamese phone numbers.

use fair_domain::taxonomy::{industrial_park, province};

use crate::pick::{Rng, between, chance, pick, weighted};

/// Shares of suppliers by province: about three quarters in Hanoi, the rest in the
/// neighbouring provinces (post-2025 map: Phú Thọ includes the former Vĩnh Phúc, Hải
/// Phòng the former Hải Dương, Bắc Ninh the former Bắc Giang).
pub(crate) const PROVINCE_SHARES: &[(&str, f64)] = &[
    ("ha-noi", 75.0),
    ("bac-ninh", 8.0),
    ("hung-yen", 6.0),
    ("phu-tho", 4.5),
    ("hai-phong", 4.0),
    ("thai-nguyen", 1.5),
    ("ninh-binh", 0.5),
    ("quang-ninh", 0.5),
];

/// Parks of a province with their weights; `None` is a firm outside any park.
fn parks_of(province: &str, sector: &str) -> Vec<(Option<&'static str>, u32)> {
    match province {
        "ha-noi" => vec![
            (Some("thang-long"), 14),
            (Some("noi-bai"), 9),
            (Some("quang-minh"), 11),
            (Some("phu-nghia"), 8),
            (Some("hoa-lac"), if sector == "HT" { 45 } else { 4 }),
            (Some("nam-thang-long"), 6),
            (Some("thach-that-quoc-oai"), 6),
            (Some("sai-dong-b"), 5),
            (None, 37),
        ],
        "bac-ninh" => vec![(Some("vsip-bac-ninh"), 35), (Some("yen-phong"), 25), (Some("que-vo"), 25), (None, 15)],
        "hung-yen" => vec![(Some("pho-noi-a"), 45), (Some("thang-long-ii"), 40), (None, 15)],
        "phu-tho" => vec![(Some("khai-quang"), 45), (Some("ba-thien"), 35), (None, 20)],
        "hai-phong" => vec![(Some("vsip-hai-phong"), 40), (Some("dinh-vu"), 40), (None, 20)],
        "thai-nguyen" => vec![(Some("yen-binh"), 70), (None, 30)],
        _ => vec![(None, 1)],
    }
}

/// Industrial clusters (cụm công nghiệp) of Hanoi where small workshops sit.
const HANOI_CLUSTERS: &[&str] = &[
    "CCN Ngọc Hồi",
    "CCN Phùng Xá",
    "CCN Quất Động",
    "CCN Liên Phương",
    "CCN Hà Bình Phương",
    "CCN Bình Phú",
    "CCN Thanh Oai",
    "CCN Phú Thị",
    "CCN Từ Liêm",
    "CCN Nguyên Khê",
];

/// Streets of Hanoi with the ward or commune they run through.
const HANOI_STREETS: &[(&str, &str)] = &[
    ("đường Nguyễn Văn Linh", "phường Long Biên"),
    ("phố Quang Trung", "phường Hà Đông"),
    ("phố Tam Trinh", "phường Hoàng Mai"),
    ("phố Lĩnh Nam", "phường Hoàng Mai"),
    ("đường Nguyễn Xiển", "phường Thanh Xuân"),
    ("đường Phạm Văn Đồng", "phường Từ Liêm"),
    ("Quốc lộ 3", "xã Đông Anh"),
    ("Quốc lộ 5", "xã Gia Lâm"),
    ("Quốc lộ 1A", "xã Thanh Trì"),
    ("Quốc lộ 3", "xã Sóc Sơn"),
    ("Quốc lộ 23", "xã Mê Linh"),
    ("Đại lộ Thăng Long", "xã Hoài Đức"),
    ("Quốc lộ 1A", "xã Thường Tín"),
];

const PROVINCE_STREETS: &[&str] = &[
    "đường Lý Thái Tổ",
    "đường Nguyễn Trãi",
    "đường Trần Hưng Đạo",
    "đường Lê Lợi",
    "đường Hùng Vương",
    "đường Nguyễn Văn Cừ",
];

/// A supplier's place.
#[derive(Clone, Debug)]
pub(crate) struct Place {
    pub province: &'static str,
    pub park: Option<&'static str>,
    pub address: String,
    /// How the firm's texts name the place: "KCN Thăng Long, Hà Nội".
    pub phrase_vi: String,
    pub phrase_en: String,
}

/// A place in the province; `fixed_park` pins the park (demo exhibitors).
pub(crate) fn place(
    rng: &mut Rng,
    province_code: &'static str,
    sector: &str,
    fixed_park: Option<&'static str>,
) -> Place {
    let parks = parks_of(province_code, sector);
    let park = match fixed_park {
        Some(code) => Some(code),
        None => *weighted(rng, &parks),
    };
    let province_name = province(province_code).map_or("Hà Nội", |p| p.name);
    let province_en = province(province_code).map_or("Hanoi", |p| p.name_en);
    let lot =
        format!("{}{}", pick(rng, &['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'K', 'L', 'M', 'N']), between(rng, 1, 60));
    match park.and_then(industrial_park) {
        Some(park_info) => {
            let address = if chance(rng, 0.7) {
                format!("Lô {lot}, {}, {province_name}", park_info.name)
            } else {
                format!("Nhà xưởng số {}, lô {lot}, {}, {province_name}", between(rng, 1, 12), park_info.name)
            };
            Place {
                province: province_code,
                park: Some(park_info.code),
                address,
                phrase_vi: format!("{}, {province_name}", park_info.name),
                phrase_en: format!("{}, {province_en}", park_info.name_en),
            }
        }
        None if province_code == "ha-noi" => {
            if chance(rng, 0.5) {
                let cluster = *pick(rng, HANOI_CLUSTERS);
                Place {
                    province: province_code,
                    park: None,
                    address: format!("Lô {lot}, {cluster}, Hà Nội"),
                    phrase_vi: format!("{cluster}, Hà Nội"),
                    phrase_en: format!(
                        "{} industrial cluster, Hanoi",
                        crate::names::ascii_title(cluster.trim_start_matches("CCN "))
                    ),
                }
            } else {
                let (street, ward) = *pick(rng, HANOI_STREETS);
                Place {
                    province: province_code,
                    park: None,
                    address: format!("Số {} {street}, {ward}, Hà Nội", between(rng, 2, 480)),
                    phrase_vi: "Hà Nội".to_owned(),
                    phrase_en: "Hanoi".to_owned(),
                }
            }
        }
        None => Place {
            province: province_code,
            park: None,
            address: format!("Số {} {}, {province_name}", between(rng, 2, 380), pick(rng, PROVINCE_STREETS)),
            phrase_vi: province_name.to_owned(),
            phrase_en: province_en.to_owned(),
        },
    }
}

/// A landline of the province's area code, in international form.
pub(crate) fn landline(rng: &mut Rng, province_code: &str) -> String {
    let area = match province_code {
        "ha-noi" => "24",
        "bac-ninh" => "222",
        "hung-yen" => "221",
        "phu-tho" => "211",
        "hai-phong" => "225",
        "thai-nguyen" => "208",
        "ninh-binh" => "229",
        "quang-ninh" => "203",
        _ => "24",
    };
    if area.len() == 2 {
        let lead = *pick(rng, &['3', '6', '7']);
        format!("+84 {area} {lead}{:03} {:04}", between(rng, 0, 999), between(rng, 0, 9_999))
    } else {
        format!("+84 {area} 3{:03} {:03}", between(rng, 0, 999), between(rng, 0, 999))
    }
}

const MOBILE_PREFIXES: &[&str] = &[
    "912", "913", "915", "983", "986", "988", "904", "936", "945", "966", "977", "969", "868", "888", "389", "348",
    "327", "705", "763", "818", "903", "989",
];

/// A Vietnamese mobile number, in international form.
pub(crate) fn mobile(rng: &mut Rng) -> String {
    format!("+84 {} {:03} {:03}", pick(rng, MOBILE_PREFIXES), between(rng, 0, 999), between(rng, 0, 999))
}
