//! Names of people and companies: Vietnamese for suppliers and Vietnamese OEMs,
//! Japanese, Korean, Taiwanese, Hong Kong, mainland Chinese and Thai for buyers.
//! Weights follow the real frequency of Vietnamese family names roughly.

use crate::pick::{Rng, chance, pick, weighted};
use fair_domain::text::fold;

// ---------------------------------------------------------------------------------
// Vietnamese people
// ---------------------------------------------------------------------------------

const VI_FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 50),
    ("Vũ", 40),
    ("Phan", 40),
    ("Đặng", 25),
    ("Bùi", 25),
    ("Đỗ", 25),
    ("Ngô", 15),
    ("Dương", 12),
    ("Lý", 8),
    ("Đinh", 10),
    ("Trịnh", 8),
    ("Đào", 8),
    ("Lương", 6),
    ("Mai", 5),
    ("Tạ", 4),
    ("Kiều", 3),
];

const VI_MIDDLE_MALE: &[&str] =
    &["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Tiến", "Mạnh", "Công", "Trọng", "Ngọc"];
const VI_MIDDLE_FEMALE: &[&str] =
    &["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Phương", "Thùy", "Lan", "Kim", "Bích", "Hải"];
const VI_GIVEN_MALE: &[&str] = &[
    "Tuấn", "Hùng", "Dũng", "Nam", "Long", "Sơn", "Hải", "Thắng", "Cường", "Quân", "Đạt", "Hiếu", "Khánh", "Tùng",
    "Phong", "Trung", "Thành", "Hưng", "Bình", "Quang", "Việt", "Hoàng", "Duy", "Tâm", "Vinh", "Huy", "Kiên", "Lâm",
    "Toàn", "Tú",
];
const VI_GIVEN_FEMALE: &[&str] = &[
    "Hương", "Lan", "Hà", "Linh", "Trang", "Huyền", "Mai", "Phương", "Thảo", "Hoa", "Ngọc", "Yến", "Nhung", "Hạnh",
    "Vân", "Loan", "Dung", "Thủy", "Quỳnh", "Anh", "Hằng", "Giang", "Nga", "Oanh",
];

/// A Vietnamese full name with the e-mail local parts it suggests.
#[derive(Clone, Debug)]
pub(crate) struct VietName {
    pub full: String,
    /// "tuannv": given name plus initials of family and middle names.
    pub corporate_local: String,
    /// "nguyenvantuan": for personal mail boxes.
    pub personal_local: String,
}

pub(crate) fn vietnamese_person(rng: &mut Rng, female_share: f64) -> VietName {
    let family = *weighted(rng, VI_FAMILY);
    let female = chance(rng, female_share);
    let (middle, given) = if female {
        (*pick(rng, VI_MIDDLE_FEMALE), *pick(rng, VI_GIVEN_FEMALE))
    } else {
        (*pick(rng, VI_MIDDLE_MALE), *pick(rng, VI_GIVEN_MALE))
    };
    let full = format!("{family} {middle} {given}");
    let initial = |s: &str| fold(s).chars().next().unwrap_or('x');
    let corporate_local = format!("{}{}{}", ascii(given), initial(family), initial(middle));
    let personal_local = format!("{}{}{}", ascii(family), ascii(middle), ascii(given));
    VietName { full, corporate_local, personal_local }
}

/// Folded ASCII letters of a name, without spaces: "Đông Anh" → "donganh".
pub(crate) fn ascii(name: &str) -> String {
    fold(name).chars().filter(char::is_ascii_alphanumeric).collect()
}

/// ASCII title case of a Vietnamese phrase: "Đông Anh" → "Dong Anh".
pub(crate) fn ascii_title(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let folded: String = fold(word).chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            let original_upper = word.chars().all(|c| !c.is_lowercase());
            if original_upper {
                folded.to_ascii_uppercase()
            } else {
                let mut chars = folded.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                    None => String::new(),
                }
            }
        })
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------------
// Vietnamese company brands
// ---------------------------------------------------------------------------------

/// The distinctive part of a company name: places of Hanoi and the north, auspicious
/// coined names, "Việt–X" joint names and acronyms.
pub(crate) const BRANDS: &[&str] = &[
    // places
    "Đông Anh",
    "Thăng Long",
    "Sóc Sơn",
    "Gia Lâm",
    "Long Biên",
    "Hà Đông",
    "Mê Linh",
    "Thạch Thất",
    "Quốc Oai",
    "Hoài Đức",
    "Thanh Trì",
    "Từ Liêm",
    "Thường Tín",
    "Phú Xuyên",
    "Chương Mỹ",
    "Ba Vì",
    "Sơn Tây",
    "Đan Phượng",
    "Phúc Thọ",
    "Tây Hồ",
    "Hồng Hà",
    "Sông Đà",
    "Sông Hồng",
    "Kinh Bắc",
    "Tràng An",
    "Đông Đô",
    "Hoàng Mai",
    "Phùng Xá",
    "Ngọc Hồi",
    "Quang Minh",
    "Nội Bài",
    "Hòa Lạc",
    "Bắc Hà",
    "Hà Thành",
    "Cổ Loa",
    "Tam Đảo",
    // coined
    "An Phát",
    "Thành Công",
    "Hưng Thịnh",
    "Minh Khang",
    "Tân Tiến",
    "Việt Á",
    "Đại Dương",
    "Trường Sơn",
    "Hoàng Long",
    "Phúc Lâm",
    "Nam Việt",
    "Kim Long",
    "Bảo Minh",
    "Đức Thịnh",
    "Hợp Nhất",
    "Tiến Đạt",
    "Sao Mai",
    "Ánh Dương",
    "Đại Phát",
    "Vạn Xuân",
    "Nhật Minh",
    "Thiên Phú",
    "Hải Long",
    "Phú Thành",
    "Quang Vinh",
    "Thịnh Phát",
    "Việt Tiến",
    "Tân Phát",
    "Toàn Thắng",
    "Mạnh Tiến",
    "Hưng Long",
    "Đại Việt",
    "Tân Á",
    "Phương Đông",
    "Bình Minh",
    "Hoàng Hà",
    "Thái Dương",
    "Việt Hưng",
    "Trung Kiên",
    "Kim Ngân",
    "Phát Đạt",
    "Lạc Hồng",
    "Thiên Long",
    "Gia Phát",
    "Nam Phong",
    "Việt Thắng",
    "Minh Phát",
    "Hoàng Gia",
    "Tuấn Đạt",
    "Quang Trung",
    "Hòa Phong",
    "Thành Đạt",
    "An Khánh",
    "Vĩnh Phúc Thịnh",
    "Đông Á",
    "Tín Nghĩa",
    "Hồng Phát",
    // joint
    "Việt Nhật",
    "Việt Hàn",
    "Việt Đức",
    "Việt Séc",
    "Việt Ý",
    "Việt Đài",
    "Á Châu",
    "Toàn Cầu",
    "Việt Mỹ",
    // acronyms
    "VNT",
    "HTP",
    "MKV",
    "ATC",
    "HPT",
    "DTC",
    "VMC",
    "TNC",
    "HMC",
    "SVC",
    "NPT",
    "VTS",
    "HQT",
    "KTM",
    "PTC",
    "VJC",
    "ANV",
    "TKT",
    "HVT",
    "QMC",
];

// ---------------------------------------------------------------------------------
// Foreign people
// ---------------------------------------------------------------------------------

/// A family or given name: romanised, and in local script.
type Pair = (&'static str, &'static str);

const JP_FAMILY: &[Pair] = &[
    ("Sato", "佐藤"),
    ("Suzuki", "鈴木"),
    ("Takahashi", "高橋"),
    ("Tanaka", "田中"),
    ("Watanabe", "渡辺"),
    ("Ito", "伊藤"),
    ("Yamamoto", "山本"),
    ("Nakamura", "中村"),
    ("Kobayashi", "小林"),
    ("Kato", "加藤"),
    ("Yoshida", "吉田"),
    ("Yamada", "山田"),
    ("Sasaki", "佐々木"),
    ("Matsumoto", "松本"),
    ("Inoue", "井上"),
    ("Kimura", "木村"),
    ("Hayashi", "林"),
    ("Shimizu", "清水"),
    ("Mori", "森"),
    ("Ikeda", "池田"),
];
const JP_GIVEN: &[Pair] = &[
    ("Hiroshi", "浩"),
    ("Takashi", "隆"),
    ("Kenji", "健二"),
    ("Makoto", "誠"),
    ("Satoshi", "聡"),
    ("Daisuke", "大輔"),
    ("Naoko", "直子"),
    ("Akiko", "明子"),
    ("Tomoko", "智子"),
    ("Kazuya", "和也"),
    ("Shota", "翔太"),
    ("Yusuke", "祐介"),
    ("Masato", "正人"),
    ("Keiko", "恵子"),
    ("Emi", "恵美"),
    ("Ryo", "亮"),
    ("Takuya", "拓也"),
    ("Yumi", "由美"),
];
const KR_FAMILY: &[Pair] = &[
    ("Kim", "김"),
    ("Lee", "이"),
    ("Park", "박"),
    ("Choi", "최"),
    ("Jung", "정"),
    ("Kang", "강"),
    ("Cho", "조"),
    ("Yoon", "윤"),
    ("Jang", "장"),
    ("Lim", "임"),
    ("Han", "한"),
    ("Shin", "신"),
];
const KR_GIVEN: &[Pair] = &[
    ("Min-jun", "민준"),
    ("Seo-yeon", "서연"),
    ("Ji-hoon", "지훈"),
    ("Hyun-woo", "현우"),
    ("Ji-min", "지민"),
    ("Sung-ho", "성호"),
    ("Young-soo", "영수"),
    ("Eun-ji", "은지"),
    ("Dong-hyun", "동현"),
    ("Jae-won", "재원"),
    ("Soo-jin", "수진"),
    ("Hye-jin", "혜진"),
    ("Sang-woo", "상우"),
    ("Min-seok", "민석"),
];
const TW_FAMILY: &[Pair] = &[
    ("Chen", "陳"),
    ("Lin", "林"),
    ("Huang", "黃"),
    ("Chang", "張"),
    ("Lee", "李"),
    ("Wang", "王"),
    ("Wu", "吳"),
    ("Liu", "劉"),
    ("Tsai", "蔡"),
    ("Yang", "楊"),
    ("Hsu", "許"),
    ("Cheng", "鄭"),
];
const TW_GIVEN: &[Pair] = &[
    ("Chih-ming", "志明"),
    ("Chun-hung", "俊宏"),
    ("Shu-fen", "淑芬"),
    ("Mei-ling", "美玲"),
    ("Chia-hao", "家豪"),
    ("Yi-ting", "怡婷"),
    ("Wen-chieh", "文傑"),
    ("Hsiu-ying", "秀英"),
    ("Kuan-yu", "冠宇"),
    ("Ya-ting", "雅婷"),
    ("Cheng-han", "政翰"),
    ("Pei-shan", "佩珊"),
];
const HK_FAMILY: &[Pair] = &[
    ("Chan", "陳"),
    ("Wong", "黃"),
    ("Leung", "梁"),
    ("Cheung", "張"),
    ("Lau", "劉"),
    ("Li", "李"),
    ("Lam", "林"),
    ("Ho", "何"),
    ("Ng", "吳"),
    ("Tsang", "曾"),
    ("Yeung", "楊"),
    ("Chow", "周"),
];
const HK_GIVEN: &[Pair] = &[
    ("Ka Fai", "家輝"),
    ("Wai Man", "偉文"),
    ("Siu Ming", "小明"),
    ("Mei Yee", "美儀"),
    ("Ka Yan", "嘉欣"),
    ("Chi Keung", "志強"),
    ("Wing Sze", "詠詩"),
    ("Kwok Wai", "國偉"),
    ("Hoi Yan", "凱欣"),
    ("Tsz Hin", "子軒"),
];
const HK_ENGLISH: &[&str] =
    &["Peter", "Michael", "Kelvin", "Eric", "Ivy", "Karen", "Vincent", "Winnie", "Alex", "Gigi"];
const CN_FAMILY: &[Pair] = &[
    ("Wang", "王"),
    ("Li", "李"),
    ("Zhang", "张"),
    ("Liu", "刘"),
    ("Chen", "陈"),
    ("Yang", "杨"),
    ("Zhao", "赵"),
    ("Huang", "黄"),
    ("Zhou", "周"),
    ("Wu", "吴"),
    ("Xu", "徐"),
    ("Sun", "孙"),
];
const CN_GIVEN: &[Pair] = &[
    ("Wei", "伟"),
    ("Fang", "芳"),
    ("Na", "娜"),
    ("Min", "敏"),
    ("Jing", "静"),
    ("Lei", "磊"),
    ("Jun", "军"),
    ("Yang", "洋"),
    ("Yong", "勇"),
    ("Jie", "杰"),
    ("Tao", "涛"),
    ("Xiuying", "秀英"),
    ("Haiyan", "海燕"),
    ("Zhiqiang", "志强"),
    ("Xiaoming", "晓明"),
];
const TH_GIVEN: &[Pair] = &[
    ("Somchai", "สมชาย"),
    ("Somsak", "สมศักดิ์"),
    ("Sunee", "สุนีย์"),
    ("Malee", "มาลี"),
    ("Anong", "อนงค์"),
    ("Prasert", "ประเสริฐ"),
    ("Wichai", "วิชัย"),
    ("Nattapong", "ณัฐพงษ์"),
    ("Siriporn", "ศิริพร"),
    ("Kanya", "กัญญา"),
    ("Thanawat", "ธนวัฒน์"),
    ("Pimchanok", "พิมพ์ชนก"),
];
const TH_FAMILY: &[Pair] = &[
    ("Jaidee", "ใจดี"),
    ("Srisuk", "ศรีสุข"),
    ("Wongsawat", "วงศ์สวัสดิ์"),
    ("Thongchai", "ทองชัย"),
    ("Rattanakul", "รัตนกุล"),
    ("Saelim", "แซ่ลิ้ม"),
    ("Chaiyaporn", "ชัยพร"),
    ("Boonmee", "บุญมี"),
    ("Kittisak", "กิตติศักดิ์"),
    ("Suwannarat", "สุวรรณรัตน์"),
];

/// A buyer's person: the name as shown and the local part of a work e-mail.
#[derive(Clone, Debug)]
pub(crate) struct ForeignName {
    pub full: String,
    pub email_local: String,
}

fn first_word(s: &str) -> String {
    lower_ascii(s.split_whitespace().next().unwrap_or(s))
}

fn lower_ascii(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase()
}

/// A person of the buyer's country, named as they would write it themselves.
pub(crate) fn foreign_person(rng: &mut Rng, country: &str) -> ForeignName {
    match country {
        "JP" => {
            let (family, given) = (*pick(rng, JP_FAMILY), *pick(rng, JP_GIVEN));
            let full = if chance(rng, 0.6) {
                format!("{} {}", family.1, given.1)
            } else {
                format!("{} {}", given.0, family.0)
            };
            ForeignName { full, email_local: format!("{}.{}", lower_ascii(given.0), lower_ascii(family.0)) }
        }
        "KR" => {
            let (family, given) = (*pick(rng, KR_FAMILY), *pick(rng, KR_GIVEN));
            let full =
                if chance(rng, 0.6) { format!("{}{}", family.1, given.1) } else { format!("{} {}", family.0, given.0) };
            ForeignName { full, email_local: format!("{}.{}", lower_ascii(given.0), lower_ascii(family.0)) }
        }
        "TW" => {
            let (family, given) = (*pick(rng, TW_FAMILY), *pick(rng, TW_GIVEN));
            let full =
                if chance(rng, 0.6) { format!("{}{}", family.1, given.1) } else { format!("{} {}", family.0, given.0) };
            ForeignName { full, email_local: format!("{}.{}", lower_ascii(given.0), lower_ascii(family.0)) }
        }
        "HK" => {
            let (family, given) = (*pick(rng, HK_FAMILY), *pick(rng, HK_GIVEN));
            if chance(rng, 0.5) {
                let english = *pick(rng, HK_ENGLISH);
                ForeignName {
                    full: format!("{english} {} {}", family.0, given.0),
                    email_local: format!("{}.{}", lower_ascii(english), lower_ascii(family.0)),
                }
            } else {
                ForeignName {
                    full: format!("{}{}", family.1, given.1),
                    email_local: format!("{}.{}", lower_ascii(given.0), lower_ascii(family.0)),
                }
            }
        }
        "CN" => {
            let (family, given) = (*pick(rng, CN_FAMILY), *pick(rng, CN_GIVEN));
            let full =
                if chance(rng, 0.7) { format!("{}{}", family.1, given.1) } else { format!("{} {}", family.0, given.0) };
            ForeignName { full, email_local: format!("{}{}", lower_ascii(family.0), lower_ascii(given.0)) }
        }
        "TH" => {
            let (given, family) = (*pick(rng, TH_GIVEN), *pick(rng, TH_FAMILY));
            let full = if chance(rng, 0.5) {
                format!("{} {}", given.1, family.1)
            } else {
                format!("{} {}", given.0, family.0)
            };
            let initial = lower_ascii(family.0).chars().next().unwrap_or('x');
            ForeignName { full, email_local: format!("{}.{initial}", lower_ascii(given.0)) }
        }
        _ => {
            let name = vietnamese_person(rng, 0.4);
            ForeignName { full: name.full, email_local: name.corporate_local }
        }
    }
}

// ---------------------------------------------------------------------------------
// Buyer companies
// ---------------------------------------------------------------------------------

const JP_BRANDS: &[Pair] = &[
    ("Tokai", "東海"),
    ("Sanwa", "三和"),
    ("Daiichi", "第一"),
    ("Kyowa", "協和"),
    ("Chuo", "中央"),
    ("Toyo", "東洋"),
    ("Shinwa", "新和"),
    ("Meiwa", "明和"),
    ("Yamato", "大和"),
    ("Asahi", "旭"),
    ("Kansai", "関西"),
    ("Hokuriku", "北陸"),
    ("Taisei", "大成"),
    ("Nishimura", "西村"),
    ("Okamoto", "岡本"),
    ("Kitagawa", "北川"),
    ("Morita", "森田"),
    ("Ishikawa", "石川"),
    ("Hamamatsu", "浜松"),
    ("Seiwa", "精和"),
    ("Nagano", "長野"),
    ("Tohoku", "東北"),
    ("Sakura", "さくら"),
    ("Fujimi", "富士見"),
    ("Mikawa", "三河"),
    ("Suwa", "諏訪"),
    ("Kotobuki", "寿"),
    ("Heiwa", "平和"),
    ("Chiyoda", "千代田"),
    ("Izumi", "和泉"),
];
const KR_BRANDS: &[Pair] = &[
    ("Daesung", "대성"),
    ("Hanil", "한일"),
    ("Samwon", "삼원"),
    ("Dongyang", "동양"),
    ("Daewon", "대원"),
    ("Sejin", "세진"),
    ("Woojin", "우진"),
    ("Jinwoo", "진우"),
    ("Myungsung", "명성"),
    ("Taeyang", "태양"),
    ("Dongil", "동일"),
    ("Seojin", "서진"),
    ("Hwaseong", "화성"),
    ("Ilshin", "일신"),
    ("Daeil", "대일"),
    ("Youngjin", "영진"),
    ("Sunil", "선일"),
    ("Kukdong", "국동"),
    ("Hanmi", "한미"),
    ("Samjin", "삼진"),
];
const TW_BRANDS: &[Pair] = &[
    ("Hsin Yuan", "信源"),
    ("Chung Hwa", "中華"),
    ("Tai Yang", "太陽"),
    ("Yung Fu", "永福"),
    ("Chin Feng", "錦峰"),
    ("Kuo Hua", "國華"),
    ("Sheng Da", "盛達"),
    ("Hong Yi", "宏益"),
    ("Jia Hsin", "佳欣"),
    ("Fu Chun", "富群"),
    ("Tai Feng", "泰豐"),
    ("Yuan Long", "元隆"),
    ("Chang Hong", "長鴻"),
    ("Ming Tai", "明泰"),
    ("Jin Yuan", "晉源"),
];
const HK_BRANDS: &[Pair] = &[
    ("Wing Fat", "榮發"),
    ("Kin Wah", "建華"),
    ("Tak Shing", "德盛"),
    ("Sun Hing", "新興"),
    ("Kwong Fat", "廣發"),
    ("Yick Tai", "益泰"),
    ("Po Lung", "寶隆"),
    ("Chun Kee", "振記"),
    ("Hop Lee", "合利"),
    ("Man Shing", "萬盛"),
    ("Wah Lee", "華利"),
    ("Fook Tai", "福泰"),
];
const CN_CITIES: &[Pair] = &[
    ("Shenzhen", "深圳"),
    ("Dongguan", "东莞"),
    ("Ningbo", "宁波"),
    ("Guangzhou", "广州"),
    ("Xiamen", "厦门"),
    ("Foshan", "佛山"),
    ("Wuxi", "无锡"),
    ("Zhuhai", "珠海"),
    ("Suzhou", "苏州"),
    ("Nanning", "南宁"),
];
const CN_BRANDS: &[Pair] = &[
    ("Huaxin", "华信"),
    ("Hengtai", "恒泰"),
    ("Xinda", "鑫达"),
    ("Yuefeng", "粤丰"),
    ("Haitong", "海通"),
    ("Meida", "美达"),
    ("Dongfang", "东方"),
    ("Jinlong", "金龙"),
    ("Ruifeng", "瑞丰"),
    ("Tianyi", "天翼"),
    ("Hongsheng", "宏盛"),
    ("Changxing", "长兴"),
];
const TH_BRANDS: &[Pair] = &[
    ("Siam", "สยาม"),
    ("Thai", "ไทย"),
    ("Bangkok", "บางกอก"),
    ("Eastern", "อีสเทิร์น"),
    ("Rayong", "ระยอง"),
    ("Chonburi", "ชลบุรี"),
    ("Ayutthaya", "อยุธยา"),
    ("Chao Phraya", "เจ้าพระยา"),
    ("Amata", "อมตะ"),
];

/// Company kinds by class: 0 precision and machinery, 1 electrical appliances,
/// 2 electronics, 3 automotive and two-wheelers, 4 textile and footwear, 5 optics and
/// medical, 6 general. Two kinds per class keep names varied.
type Kinds<T> = [[T; 2]; 7];

const JP_KINDS: Kinds<(&str, &str, &str)> = [
    [("Seiki", "Seiki", "精機"), ("Giken", "Giken", "技研")],
    [("Denki", "Electric", "電機"), ("Denko", "Denko", "電工")],
    [("Denshi", "Electronics", "電子"), ("Kiki", "Systems", "機器")],
    [("Kogyo", "Industries", "工業"), ("Seisakusho", "Manufacturing", "製作所")],
    [("Seni", "Textile", "繊維"), ("Boseki", "Spinning", "紡績")],
    [("Kogaku", "Optical", "光学"), ("Medical", "Medical", "メディカル")],
    [("Sangyo", "Sangyo", "産業"), ("Seisakusho", "Manufacturing", "製作所")],
];
const KR_KINDS: Kinds<Pair> = [
    [("Precision", "정밀"), ("Machinery", "기계")],
    [("Electric", "전기"), ("Appliance", "가전")],
    [("Electronics", "전자"), ("Tech", "테크")],
    [("Industrial", "산업"), ("Auto Parts", "오토파츠")],
    [("Textile", "섬유"), ("Fashion", "패션")],
    [("Medical", "메디칼"), ("Optics", "광학")],
    [("Industrial", "산업"), ("Tech", "테크")],
];
const TW_KINDS: Kinds<Pair> = [
    [("Precision Industry", "精密工業"), ("Machinery", "機械")],
    [("Electric", "電機"), ("Appliance", "電器")],
    [("Electronics", "電子"), ("Technology", "科技")],
    [("Auto Parts", "汽車零件"), ("Industrial", "實業")],
    [("Textile", "紡織"), ("Footwear", "鞋業")],
    [("Optoelectronics", "光電"), ("Optical", "光學")],
    [("Industrial", "實業"), ("Technology", "科技")],
];
const HK_KINDS: Kinds<Pair> = [
    [("Precision Engineering", "精密工程"), ("Machinery", "機械")],
    [("Electrical", "電器"), ("Appliances", "家電")],
    [("Electronics", "電子"), ("Technology", "科技")],
    [("Industrial", "實業"), ("Manufacturing", "製造")],
    [("Garment", "製衣"), ("Knitters", "針織")],
    [("Optical", "光學"), ("Medical", "醫療")],
    [("Industrial", "實業"), ("Holdings", "集團")],
];
const CN_KINDS: Kinds<Pair> = [
    [("Precision Machinery", "精密机械"), ("Machinery", "机械")],
    [("Electric Appliance", "电器"), ("Household Appliances", "家电")],
    [("Electronic Technology", "电子科技"), ("Technology", "科技")],
    [("Auto Parts", "汽车零部件"), ("New Energy Technology", "新能源科技")],
    [("Textile", "纺织"), ("Garment", "服饰")],
    [("Optoelectronic Technology", "光电科技"), ("Medical Technology", "医疗科技")],
    [("Industrial", "实业"), ("Technology", "科技")],
];
const TH_KINDS: Kinds<Pair> = [
    [("Precision", "พรีซิชั่น"), ("Engineering", "เอ็นจิเนียริ่ง")],
    [("Electric", "อีเลคทริค"), ("Appliance", "แอพพลายแอนซ์")],
    [("Electronics", "อิเล็กทรอนิกส์"), ("Technology", "เทคโนโลยี")],
    [("Auto Parts", "ออโต้ พาร์ท"), ("Motor", "มอเตอร์")],
    [("Garment", "การ์เมนท์"), ("Textile", "เท็กซ์ไทล์")],
    [("Medical", "เมดิคอล"), ("Optical", "ออปติคอล")],
    [("Industry", "อินดัสตรี้"), ("Manufacturing", "แมนูแฟคเจอริ่ง")],
];
const VN_OEM_KINDS: Kinds<(&str, &str, &str)> = [
    [("Mechanical", "Cơ khí", "cokhi"), ("Machinery", "Máy Công nghiệp", "maycn")],
    [("Electrical Appliances", "Thiết bị Điện", "thietbidien"), ("Home Appliances", "Điện gia dụng", "diengiadung")],
    [("Electronics", "Điện tử", "dientu"), ("Technology", "Công nghệ", "congnghe")],
    [("Motor", "Xe máy", "xemay"), ("Vehicles", "Ô tô", "oto")],
    [("Garment", "May mặc", "maymac"), ("Fashion", "Thời trang", "thoitrang")],
    [("Medical Equipment", "Thiết bị Y tế", "thietbiyte"), ("Optics", "Quang học", "quanghoc")],
    [("Industrial", "Công nghiệp", "congnghiep"), ("Manufacturing", "Sản xuất", "sanxuat")],
];

fn kind<T: Copy>(rng: &mut Rng, kinds: &Kinds<T>, class: usize) -> T {
    *pick(rng, &kinds[class.min(kinds.len() - 1)])
}

/// A buyer company's names and web domain.
#[derive(Clone, Debug)]
pub(crate) struct BuyerCompany {
    pub name: String,
    pub local: String,
    pub domain: String,
}

/// A company of the buyer's country, its trade word fitting the industry `class`.
pub(crate) fn buyer_company(rng: &mut Rng, country: &str, class: usize) -> BuyerCompany {
    match country {
        "JP" => {
            let brand = *pick(rng, JP_BRANDS);
            let kind = kind(rng, &JP_KINDS, class);
            let local = if chance(rng, 0.5) {
                format!("株式会社{}{}", brand.1, kind.2)
            } else {
                format!("{}{}株式会社", brand.1, kind.2)
            };
            BuyerCompany {
                name: format!("{} {} Co., Ltd.", brand.0, kind.1),
                local,
                domain: format!("{}-{}.co.jp", lower_ascii(brand.0), lower_ascii(kind.0)),
            }
        }
        "KR" => {
            let brand = *pick(rng, KR_BRANDS);
            let kind = kind(rng, &KR_KINDS, class);
            let local = if chance(rng, 0.5) {
                format!("주식회사 {}{}", brand.1, kind.1)
            } else {
                format!("(주){}{}", brand.1, kind.1)
            };
            BuyerCompany {
                name: format!("{} {} Co., Ltd.", brand.0, kind.0),
                local,
                domain: format!("{}{}.co.kr", lower_ascii(brand.0), lower_ascii(kind.0)),
            }
        }
        "TW" => {
            let brand = *pick(rng, TW_BRANDS);
            let kind = kind(rng, &TW_KINDS, class);
            BuyerCompany {
                name: format!("{} {} Co., Ltd.", brand.0, kind.0),
                local: format!("{}{}股份有限公司", brand.1, kind.1),
                domain: format!("{}-{}.com.tw", lower_ascii(brand.0), first_word(kind.0)),
            }
        }
        "HK" => {
            let brand = *pick(rng, HK_BRANDS);
            let kind = kind(rng, &HK_KINDS, class);
            BuyerCompany {
                name: format!("{} {} Limited", brand.0, kind.0),
                local: format!("{}{}有限公司", brand.1, kind.1),
                domain: format!("{}-{}.com.hk", lower_ascii(brand.0), first_word(kind.0)),
            }
        }
        "CN" => {
            let city = *pick(rng, CN_CITIES);
            let brand = *pick(rng, CN_BRANDS);
            let kind = kind(rng, &CN_KINDS, class);
            BuyerCompany {
                name: format!("{} {} {} Co., Ltd.", city.0, brand.0, kind.0),
                local: format!("{}{}{}有限公司", city.1, brand.1, kind.1),
                domain: format!("{}-{}.com.cn", lower_ascii(brand.0), lower_ascii(city.0)),
            }
        }
        "TH" => {
            let brand = *pick(rng, TH_BRANDS);
            let kind = kind(rng, &TH_KINDS, class);
            BuyerCompany {
                name: format!("{} {} Co., Ltd.", brand.0, kind.0),
                local: format!("บริษัท {} {} จำกัด", brand.1, kind.1),
                domain: format!("{}{}.co.th", lower_ascii(brand.0), lower_ascii(kind.0)),
            }
        }
        _ => {
            let brand = *pick(rng, BRANDS);
            let kind = kind(rng, &VN_OEM_KINDS, class);
            let joint_stock = chance(rng, 0.4);
            let (local_form, en_form) = if joint_stock {
                ("Công ty Cổ phần", "Joint Stock Company")
            } else {
                ("Công ty TNHH", "Co., Ltd")
            };
            BuyerCompany {
                name: format!("{} {} {en_form}", ascii_title(brand), kind.0),
                local: format!("{local_form} {} {brand}", kind.1),
                domain: format!("{}{}.com.vn", kind.2, ascii(brand)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_forms_of_vietnamese_names() {
        assert_eq!(ascii("Đông Anh"), "donganh");
        assert_eq!(ascii_title("Đông Anh"), "Dong Anh");
        assert_eq!(ascii_title("VNT"), "VNT");
        assert_eq!(ascii_title("Thạch Thất"), "Thach That");
    }
}
