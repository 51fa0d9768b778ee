//! The supporting-industry taxonomy: the six sector groups and the product groups of the
//! priority list (Decree 111/2015/ND-CP as summarised by Resolution 115/NQ-CP), the
//! process tags shared across languages, the certifications buyers ask for, countries,
//! provinces and industrial parks. Labels are in the four UI languages; process terms
//! also carry the synonyms buyers actually type (Korean included) so search and
//! matching work across languages without any downloaded model.

use crate::language::UiLanguage;

/// A label in each UI language.
#[derive(Clone, Copy, Debug)]
pub struct Labels {
    pub vi: &'static str,
    pub en: &'static str,
    pub ja: &'static str,
    pub zh_hant: &'static str,
}

impl Labels {
    pub fn get(&self, language: UiLanguage) -> &'static str {
        match language {
            UiLanguage::Vietnamese => self.vi,
            UiLanguage::English => self.en,
            UiLanguage::Japanese => self.ja,
            UiLanguage::ChineseTraditional => self.zh_hant,
        }
    }

    pub fn all(&self) -> [&'static str; 4] {
        [self.vi, self.en, self.ja, self.zh_hant]
    }
}

const fn labels(vi: &'static str, en: &'static str, ja: &'static str, zh_hant: &'static str) -> Labels {
    Labels { vi, en, ja, zh_hant }
}

/// One of the six official sector groups.
#[derive(Clone, Copy, Debug)]
pub struct Sector {
    pub code: &'static str,
    pub labels: Labels,
}

#[rustfmt::skip]
pub static SECTORS: &[Sector] = &[
    Sector { code: "TG", labels: labels("Dệt may", "Textile and garment", "繊維・縫製", "紡織成衣") },
    Sector { code: "LF", labels: labels("Da giày", "Leather and footwear", "皮革・履物", "皮革製鞋") },
    Sector { code: "EL", labels: labels("Điện tử", "Electronics", "電子", "電子") },
    Sector { code: "AU", labels: labels("Ô tô", "Automobile", "自動車", "汽車") },
    Sector { code: "ME", labels: labels("Cơ khí chế tạo", "Mechanical engineering", "機械", "機械製造") },
    Sector { code: "HT", labels: labels( "Công nghiệp công nghệ cao", "High-tech industry", "ハイテク産業", "高科技產業", ) },
];

/// A product group of the priority list. `extension` marks groups added for matching.
#[derive(Clone, Copy, Debug)]
pub struct ProductGroup {
    pub code: &'static str,
    pub sector: &'static str,
    pub labels: Labels,
    /// Example products, in English.
    pub examples: &'static str,
    /// HS chapters or headings (2 or 4 digits).
    pub hs: &'static [&'static str],
    pub vsic: &'static [&'static str],
    pub extension: bool,
}

macro_rules! group {
    ($code:literal, $sector:literal, $vi:literal, $en:literal, $ja:literal, $zh:literal, $examples:literal, [$($hs:literal),*], [$($vsic:literal),*]) => {
        ProductGroup { code: $code, sector: $sector, labels: labels($vi, $en, $ja, $zh), examples: $examples, hs: &[$($hs),*], vsic: &[$($vsic),*], extension: false }
    };
    ($code:literal*, $sector:literal, $vi:literal, $en:literal, $ja:literal, $zh:literal, $examples:literal, [$($hs:literal),*], [$($vsic:literal),*]) => {
        ProductGroup { code: $code, sector: $sector, labels: labels($vi, $en, $ja, $zh), examples: $examples, hs: &[$($hs),*], vsic: &[$($vsic),*], extension: true }
    };
}

#[rustfmt::skip]
pub static PRODUCT_GROUPS: &[ProductGroup] = &[
    group!("TG1", "TG", "Xơ sợi tự nhiên", "Natural fibre, yarn", "天然繊維・糸", "天然纖維、紗線", "cotton yarn, silk yarn", ["50", "52"], ["1311"]),
    group!("TG2", "TG", "Xơ sợi tổng hợp", "Synthetic fibre, yarn", "合成繊維・糸", "合成纖維、紗線", "polyester filament, spandex", ["54", "55"], ["2030"]),
    group!("TG3", "TG", "Vải, vải kỹ thuật", "Fabrics, technical textiles", "織物・産業用繊維", "布料、產業用紡織品", "woven, knit, nonwoven interlining", ["52", "53", "54", "55", "56", "59", "60"], ["1312", "1391"]),
    group!("TG4", "TG", "Hóa chất, thuốc nhuộm", "Dyes, textile auxiliaries", "染料・繊維助剤", "染料、紡織助劑", "reactive dyes, finishing agents", ["3204", "3809"], ["2011", "2029"]),
    group!("TG5", "TG", "Phụ liệu may", "Garment trims", "縫製副資材", "成衣輔料", "zippers, buttons, elastic, thread, labels", ["9606", "9607", "58"], ["1399", "3290"]),
    group!("LF1", "LF", "Da thuộc", "Tanned leather", "なめし革", "鞣製皮革", "finished cow leather", ["41"], ["1511"]),
    group!("LF2", "LF", "Giả da", "Synthetic leather", "合成皮革", "合成皮革", "PU-coated fabric", ["5903", "39"], ["1399", "2220"]),
    group!("LF3", "LF", "Đế, mũ giày", "Soles, uppers", "靴底・アッパー", "鞋底、鞋面", "EVA outsoles, uppers", ["6406"], ["1520"]),
    group!("LF4", "LF", "Keo, hóa chất ngành da giày", "Adhesives, tanning chemicals", "接着剤・製革薬品", "膠黏劑、製革化學品", "PU shoe glue", ["3506", "32"], ["2029"]),
    group!("LF5", "LF", "Phụ liệu giày", "Footwear accessories", "靴用副資材", "鞋類配件", "eyelets, buckles, laces", ["8308"], ["2599"]),
    group!("EL1", "EL", "Linh kiện điện tử", "Electronic components", "電子部品", "電子元件", "ICs, diodes, LEDs, capacitors", ["8532", "8541", "8542"], ["2610"]),
    group!("EL2", "EL", "Bảng mạch in", "PCB, PCBA", "プリント基板・実装基板", "印刷電路板、PCBA", "multilayer PCB, SMT boards", ["8534"], ["2610"]),
    group!("EL3", "EL", "Pin, ắc quy", "Batteries", "電池", "電池", "laptop and phone packs", ["8507"], ["2720"]),
    group!("EL4", "EL", "Dây cáp điện", "Wire, cable", "電線・ケーブル", "電線、電纜", "power cords, signal cable", ["8544"], ["2732"]),
    group!("EL5", "EL", "Linh kiện nhựa, cao su cho điện tử", "Plastic and rubber parts for electronics", "電子機器用樹脂・ゴム部品", "電子用塑膠、橡膠零件", "casings, keypads, gaskets", ["3926", "4016"], ["2219", "2220"]),
    group!("EL6", "EL", "Màn hình, loa, tai nghe", "Display and audio modules", "ディスプレイ・音響モジュール", "顯示與音訊模組", "display modules, speakers", ["8518", "8524"], ["2610", "2640"]),
    group!("AU1", "AU", "Phụ tùng động cơ", "Engine parts", "エンジン部品", "引擎零件", "pistons, gaskets, brackets", ["8409", "8483"], ["2930"]),
    group!("AU2", "AU", "Phanh, lái, treo, truyền động", "Chassis systems", "ブレーキ・ステアリング・サスペンション・駆動系", "煞車、轉向、懸吊、傳動系統", "brake pads, shock absorbers", ["8708"], ["2930"]),
    group!("AU3", "AU", "Thân vỏ", "Body parts", "車体部品", "車身零件", "stamped panels, bumpers", ["8707", "8708"], ["2920"]),
    group!("AU4", "AU", "Điện ô tô", "Auto electrical", "自動車電装品", "汽車電裝", "wiring harness, lamps", ["8512", "8544"], ["2740", "2930"]),
    group!("AU5", "AU", "Nội thất, ghế, kính, lốp", "Interior, glass, tyres", "内装・シート・ガラス・タイヤ", "內裝、座椅、玻璃、輪胎", "seat frames, tyres", ["4011", "7007", "9401"], ["2211", "2310", "2930"]),
    group!("AU6"*, "AU", "Phụ tùng xe máy", "Motorcycle parts", "二輪車部品", "機車零件", "sprockets, rims", ["8714"], ["3091"]),
    group!("ME1", "ME", "Khuôn mẫu chính xác", "Precision moulds and dies", "精密金型", "精密模具", "injection moulds, press dies", ["8480"], ["2593"]),
    group!("ME2", "ME", "Đồ gá, dụng cụ cắt", "Jigs, cutting tools", "治具・切削工具", "治具、刀具", "inserts, fixtures", ["8207", "8466"], ["2593"]),
    group!("ME3", "ME", "Chi tiết tiêu chuẩn", "Standard parts", "標準部品", "標準件", "bolts, springs, bearings, gears", ["7318", "7320", "8482", "8483"], ["2599", "2814"]),
    group!("ME4", "ME", "Đúc, rèn", "Castings, forgings", "鋳造品・鍛造品", "鑄件、鍛件", "aluminium die-cast housings", ["73", "76"], ["2431", "2432", "2591"]),
    group!("ME5"*, "ME", "Chi tiết gia công CNC", "Machined parts", "機械加工部品", "機械加工零件", "shafts, bushings", ["8487"], ["2592"]),
    group!("ME6", "ME", "Linh kiện năng lượng tái tạo, động cơ", "Renewable-energy parts, motors", "再生可能エネルギー部品・モーター", "再生能源零件、馬達", "PV mounts, motors", ["8501", "8503"], ["2710"]),
    group!("HT1", "HT", "Vật liệu mới", "New materials", "新素材", "新材料", "tool steel, engineering plastics", ["39", "72", "76"], ["2013", "2410"]),
    group!("HT2", "HT", "Vi mạch", "Microelectronic circuits", "マイクロ回路", "微電路", "IC packaging", ["8542"], ["2610"]),
    group!("HT3"*, "HT", "Chi tiết chính xác y tế, quang học", "Precision medical and optical parts", "医療・光学精密部品", "醫療、光學精密零件", "optical mounts, sensors", ["9001", "9018", "9031"], ["2670", "3250"]),
    group!("HT4"*, "HT", "Dịch vụ kỹ thuật", "Engineering services", "エンジニアリングサービス", "工程技術服務", "calibration, testing", [], ["7120"]),
];

pub fn product_group(code: &str) -> Option<&'static ProductGroup> {
    PRODUCT_GROUPS.iter().find(|group| group.code == code)
}

pub fn sector(code: &str) -> Option<&'static Sector> {
    SECTORS.iter().find(|sector| sector.code == code)
}

/// A manufacturing process tag, the same in every language.
#[derive(Clone, Copy, Debug)]
pub struct Process {
    pub code: &'static str,
    pub labels: Labels,
    /// Further terms that mean this process: variants, spellings, Simplified Chinese and
    /// Korean. Search and matching treat each as a name of the process.
    pub synonyms: &'static [&'static str],
}

#[rustfmt::skip]
pub static PROCESSES: &[Process] = &[
    Process { code: "P01", labels: labels("Gia công CNC", "CNC machining", "切削加工", "CNC加工"), synonyms: &["tiện phay CNC", "machining", "milling", "turning", "machined parts", "NC加工", "旋盤加工", "フライス加工", "數控加工", "数控加工", "CNC 가공", "절삭가공"] },
    Process { code: "P02", labels: labels("Ép phun nhựa", "Injection moulding", "射出成形", "射出成型"), synonyms: &["ép nhựa", "injection molding", "plastic injection", "plastic moulding", "樹脂成形", "プラスチック成形", "注塑", "注塑成型", "塑膠射出", "사출성형", "사출"] },
    Process { code: "P03", labels: labels("Đúc áp lực", "Die casting", "ダイカスト", "壓鑄"), synonyms: &["đúc nhôm áp lực", "aluminium die casting", "aluminum die casting", "pressure die casting", "ダイキャスト", "压铸", "鋁壓鑄", "다이캐스팅"] },
    Process { code: "P04", labels: labels("Dập kim loại", "Metal stamping", "プレス加工", "沖壓"), synonyms: &["dập", "stamping", "pressing", "press work", "deep drawing", "プレス", "冲压", "沖壓加工", "프레스", "프레스 가공"] },
    Process { code: "P05", labels: labels( "Gia công tấm, cắt laser", "Sheet metal, laser cutting", "板金加工", "鈑金", ), synonyms: &["gia công kim loại tấm", "cắt laser", "chấn gấp", "sheet metal", "laser cutting", "bending", "レーザー加工", "レーザー切断", "钣金", "雷射切割", "激光切割", "판금", "레이저 절단"] },
    Process { code: "P06", labels: labels("Rèn, đúc", "Forging, casting", "鍛造・鋳造", "鍛造、鑄造"), synonyms: &["rèn", "đúc", "forging", "casting", "sand casting", "investment casting", "鍛造", "鋳造", "鍛件", "铸造", "锻造", "단조", "주조"] },
    Process { code: "P07", labels: labels("Chế tạo khuôn", "Mould making", "金型製作", "模具製造"), synonyms: &["khuôn mẫu", "làm khuôn", "mold making", "mould", "mold", "die making", "tooling", "金型", "模具", "模具制造", "금형"] },
    Process { code: "P08", labels: labels( "Mạ, anod, sơn tĩnh điện", "Surface treatment, plating", "表面処理・めっき", "表面處理、電鍍", ), synonyms: &["xi mạ", "mạ kẽm", "anodizing", "anodising", "powder coating", "electroplating", "plating", "surface finishing", "めっき", "メッキ", "陽極酸化", "アルマイト", "塗装", "电镀", "電鍍", "陽極處理", "粉體塗裝", "도금", "표면처리", "아노다이징"] },
    Process { code: "P09", labels: labels("Nhiệt luyện", "Heat treatment", "熱処理", "熱處理"), synonyms: &["tôi thép", "ram", "hardening", "quenching", "tempering", "carburizing", "焼入れ", "热处理", "淬火", "열처리"] },
    Process { code: "P10", labels: labels("Hàn", "Welding", "溶接", "焊接"), synonyms: &["hàn TIG", "hàn MIG", "hàn robot", "TIG welding", "MIG welding", "robot welding", "ロボット溶接", "焊接加工", "용접"] },
    Process { code: "P11", labels: labels( "Mài, EDM, cắt dây", "Grinding, EDM, wire cutting", "研削・放電加工", "研磨、放電加工", ), synonyms: &["mài", "cắt dây", "xung điện", "grinding", "EDM", "wire EDM", "wire cutting", "研削", "放電加工", "ワイヤーカット", "線切割", "线切割", "磨削", "연삭", "방전가공"] },
    Process { code: "P12", labels: labels("Lắp ráp SMT", "PCB assembly (SMT)", "基板実装", "SMT貼片"), synonyms: &["lắp ráp bo mạch", "hàn linh kiện", "SMT", "PCBA", "PCB assembly", "surface mount", "SMT実装", "実装", "貼片", "电路板组装", "표면실장", "SMT 실장"] },
    Process { code: "P13", labels: labels("Bó dây", "Wire harness", "ワイヤーハーネス", "線束"), synonyms: &["bó dây điện", "dây điện ô tô", "wiring harness", "cable assembly", "ハーネス", "线束", "線束加工", "와이어 하네스", "하네스"] },
    Process { code: "P14", labels: labels("Ép cao su", "Rubber moulding", "ゴム成形", "橡膠成型"), synonyms: &["cao su kỹ thuật", "rubber molding", "rubber parts", "silicone moulding", "ゴム部品", "橡胶成型", "橡膠件", "고무 성형", "고무"] },
    Process { code: "P15", labels: labels("Dệt, nhuộm", "Weaving, dyeing", "製織・染色", "織造、染整"), synonyms: &["dệt", "nhuộm", "dệt kim", "weaving", "dyeing", "knitting", "製織", "染色", "ニット", "织造", "染整", "針織", "직조", "염색"] },
    Process { code: "P16", labels: labels( "Thuộc da, ép đế", "Tanning, sole moulding", "製革・ソール成形", "製革、鞋底成型", ), synonyms: &["thuộc da", "ép đế giày", "tanning", "sole moulding", "sole molding", "製革", "靴底", "鞋底", "制革", "제혁", "밑창"] },
    Process { code: "P17", labels: labels("In, bao bì", "Printing, packaging", "印刷・梱包", "印刷包裝"), synonyms: &["in ấn", "bao bì", "printing", "packaging", "labels", "印刷", "梱包", "包装", "包裝", "인쇄", "포장"] },
];

pub fn process(code: &str) -> Option<&'static Process> {
    PROCESSES.iter().find(|process| process.code == code)
}

/// The processes a text names, by any label or synonym in any language, in order of
/// first appearance, without repeats. The longest term wins where terms overlap
/// ("die casting" is die casting, not casting); terms in scripts with spaces must
/// stand as whole words.
pub fn processes_in(text: &str) -> Vec<&'static str> {
    use std::sync::OnceLock;

    use aho_corasick::{AhoCorasick, MatchKind};

    use crate::text::{fold, is_cjk};

    static INDEX: OnceLock<(AhoCorasick, Vec<(usize, bool)>)> = OnceLock::new();
    let (automaton, patterns) = INDEX.get_or_init(|| {
        let mut terms = Vec::new();
        let mut patterns = Vec::new();
        for (index, process) in PROCESSES.iter().enumerate() {
            for term in process.labels.all().iter().chain(process.synonyms) {
                let folded = fold(term);
                patterns.push((index, !folded.chars().any(is_cjk)));
                terms.push(folded);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&terms)
            .expect("the process terms form a valid automaton");
        (automaton, patterns)
    });
    let folded = fold(text);
    let mut found = Vec::new();
    for hit in automaton.find_iter(&folded) {
        let (index, spaced) = patterns[hit.pattern().as_usize()];
        if spaced {
            let before = folded[..hit.start()].chars().next_back();
            let after = folded[hit.end()..].chars().next();
            let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_cjk(c));
            if word_char(before) || word_char(after) {
                continue;
            }
        }
        let code = PROCESSES[index].code;
        if !found.contains(&code) {
            found.push(code);
        }
    }
    found
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertificationCategory {
    /// Audited management systems: what "international standard" means in Plan 35.
    ManagementSystem,
    Substances,
    Workmanship,
    TextileLeather,
    SocialAudit,
}

impl CertificationCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ManagementSystem => "management_system",
            Self::Substances => "substances",
            Self::Workmanship => "workmanship",
            Self::TextileLeather => "textile_leather",
            Self::SocialAudit => "social_audit",
        }
    }
}

/// A standard a supplier can be certified against.
#[derive(Clone, Copy, Debug)]
pub struct CertificationStandard {
    pub code: &'static str,
    pub name: &'static str,
    pub category: CertificationCategory,
    /// Search terms besides the name (e.g. "ISO9001", "IATF").
    pub aliases: &'static [&'static str],
}

impl CertificationStandard {
    /// Whether a valid certificate of this standard makes a firm one "of international
    /// standard" in the plan's sense (an audited management system).
    pub fn is_international_system(&self) -> bool {
        self.category == ManagementSystem
    }
}

use CertificationCategory::*;

#[rustfmt::skip]
pub static CERTIFICATIONS: &[CertificationStandard] = &[
    CertificationStandard { code: "ISO9001", name: "ISO 9001", category: ManagementSystem, aliases: &["ISO9001", "quality management"] },
    CertificationStandard { code: "ISO14001", name: "ISO 14001", category: ManagementSystem, aliases: &["ISO14001", "environmental management"] },
    CertificationStandard { code: "ISO45001", name: "ISO 45001", category: ManagementSystem, aliases: &["ISO45001", "OHSAS 18001"] },
    CertificationStandard { code: "IATF16949", name: "IATF 16949", category: ManagementSystem, aliases: &["IATF", "TS16949", "ISO/TS 16949"] },
    CertificationStandard { code: "ISO13485", name: "ISO 13485", category: ManagementSystem, aliases: &["ISO13485", "medical devices"] },
    CertificationStandard { code: "AS9100", name: "AS9100", category: ManagementSystem, aliases: &["AS 9100", "aerospace"] },
    CertificationStandard { code: "ROHS", name: "RoHS", category: Substances, aliases: &["RoHS"] },
    CertificationStandard { code: "REACH", name: "REACH", category: Substances, aliases: &["REACH"] },
    CertificationStandard { code: "IECQ-QC080000", name: "IECQ QC 080000", category: Substances, aliases: &["QC080000", "HSPM"] },
    CertificationStandard { code: "IPC-A-610", name: "IPC-A-610", category: Workmanship, aliases: &["IPC A 610", "IPC610"] },
    CertificationStandard { code: "J-STD-001", name: "J-STD-001", category: Workmanship, aliases: &["JSTD001"] },
    CertificationStandard { code: "ESD-S20.20", name: "ANSI/ESD S20.20", category: Workmanship, aliases: &["S20.20", "ESD"] },
    CertificationStandard { code: "UL", name: "UL", category: Workmanship, aliases: &["UL listed"] },
    CertificationStandard { code: "OEKO-TEX-100", name: "OEKO-TEX Standard 100", category: TextileLeather, aliases: &["OEKO-TEX", "Oekotex"] },
    CertificationStandard { code: "BLUESIGN", name: "bluesign", category: TextileLeather, aliases: &["bluesign"] },
    CertificationStandard { code: "GRS", name: "Global Recycled Standard", category: TextileLeather, aliases: &["GRS"] },
    CertificationStandard { code: "LWG", name: "Leather Working Group", category: TextileLeather, aliases: &["LWG"] },
    CertificationStandard { code: "BSCI", name: "amfori BSCI", category: SocialAudit, aliases: &["BSCI"] },
    CertificationStandard { code: "WRAP", name: "WRAP", category: SocialAudit, aliases: &["WRAP"] },
    CertificationStandard { code: "SA8000", name: "SA8000", category: SocialAudit, aliases: &["SA 8000"] },
];

pub fn certification(code: &str) -> Option<&'static CertificationStandard> {
    CERTIFICATIONS.iter().find(|standard| standard.code == code)
}

/// A country, by ISO 3166-1 alpha-2 code.
#[derive(Clone, Copy, Debug)]
pub struct Country {
    pub code: &'static str,
    pub labels: Labels,
    /// The zone a buyer from there most likely lives in.
    pub time_zone: &'static str,
}

#[rustfmt::skip]
pub static COUNTRIES: &[Country] = &[
    Country { code: "VN", labels: labels("Việt Nam", "Vietnam", "ベトナム", "越南"), time_zone: "Asia/Ho_Chi_Minh" },
    Country { code: "JP", labels: labels("Nhật Bản", "Japan", "日本", "日本"), time_zone: "Asia/Tokyo" },
    Country { code: "KR", labels: labels("Hàn Quốc", "South Korea", "韓国", "韓國"), time_zone: "Asia/Seoul" },
    Country { code: "TW", labels: labels("Đài Loan", "Taiwan", "台湾", "臺灣"), time_zone: "Asia/Taipei" },
    Country { code: "HK", labels: labels("Hồng Kông", "Hong Kong", "香港", "香港"), time_zone: "Asia/Hong_Kong" },
    Country { code: "CN", labels: labels("Trung Quốc", "China", "中国", "中國"), time_zone: "Asia/Shanghai" },
    Country { code: "TH", labels: labels("Thái Lan", "Thailand", "タイ", "泰國"), time_zone: "Asia/Bangkok" },
    Country { code: "SG", labels: labels("Singapore", "Singapore", "シンガポール", "新加坡"), time_zone: "Asia/Singapore" },
    Country { code: "MY", labels: labels("Malaysia", "Malaysia", "マレーシア", "馬來西亞"), time_zone: "Asia/Kuala_Lumpur" },
    Country { code: "ID", labels: labels("Indonesia", "Indonesia", "インドネシア", "印尼"), time_zone: "Asia/Jakarta" },
    Country { code: "PH", labels: labels("Philippines", "Philippines", "フィリピン", "菲律賓"), time_zone: "Asia/Manila" },
    Country { code: "IN", labels: labels("Ấn Độ", "India", "インド", "印度"), time_zone: "Asia/Kolkata" },
    Country { code: "US", labels: labels("Hoa Kỳ", "United States", "アメリカ", "美國"), time_zone: "America/New_York" },
    Country { code: "DE", labels: labels("Đức", "Germany", "ドイツ", "德國"), time_zone: "Europe/Berlin" },
    Country { code: "FR", labels: labels("Pháp", "France", "フランス", "法國"), time_zone: "Europe/Paris" },
    Country { code: "GB", labels: labels("Anh", "United Kingdom", "イギリス", "英國"), time_zone: "Europe/London" },
    Country { code: "NL", labels: labels("Hà Lan", "Netherlands", "オランダ", "荷蘭"), time_zone: "Europe/Amsterdam" },
    Country { code: "IT", labels: labels("Ý", "Italy", "イタリア", "義大利"), time_zone: "Europe/Rome" },
    Country { code: "AU", labels: labels("Úc", "Australia", "オーストラリア", "澳洲"), time_zone: "Australia/Sydney" },
    Country { code: "MX", labels: labels("Mexico", "Mexico", "メキシコ", "墨西哥"), time_zone: "America/Mexico_City" },
];

pub fn country(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|country| country.code == code)
}

/// A province (the 34 of the July 2025 administrative map; the ones CNHT firms sit in).
#[derive(Clone, Copy, Debug)]
pub struct Province {
    pub code: &'static str,
    pub name: &'static str,
    pub name_en: &'static str,
    pub name_ja: &'static str,
    pub name_zh_hant: &'static str,
}

impl Province {
    pub fn labels(&self) -> Labels {
        labels(self.name, self.name_en, self.name_ja, self.name_zh_hant)
    }
}

#[rustfmt::skip]
pub static PROVINCES: &[Province] = &[
    Province { code: "ha-noi", name: "Hà Nội", name_en: "Hanoi", name_ja: "ハノイ", name_zh_hant: "河內" },
    Province { code: "bac-ninh", name: "Bắc Ninh", name_en: "Bac Ninh", name_ja: "バクニン", name_zh_hant: "北寧" },
    Province { code: "hung-yen", name: "Hưng Yên", name_en: "Hung Yen", name_ja: "フンイエン", name_zh_hant: "興安" },
    Province { code: "phu-tho", name: "Phú Thọ", name_en: "Phu Tho", name_ja: "フート", name_zh_hant: "富壽" },
    Province { code: "hai-phong", name: "Hải Phòng", name_en: "Hai Phong", name_ja: "ハイフォン", name_zh_hant: "海防" },
    Province { code: "thai-nguyen", name: "Thái Nguyên", name_en: "Thai Nguyen", name_ja: "タイグエン", name_zh_hant: "太原" },
    Province { code: "ninh-binh", name: "Ninh Bình", name_en: "Ninh Binh", name_ja: "ニンビン", name_zh_hant: "寧平" },
    Province { code: "quang-ninh", name: "Quảng Ninh", name_en: "Quang Ninh", name_ja: "クアンニン", name_zh_hant: "廣寧" },
    Province { code: "da-nang", name: "Đà Nẵng", name_en: "Da Nang", name_ja: "ダナン", name_zh_hant: "峴港" },
    Province { code: "ho-chi-minh", name: "TP. Hồ Chí Minh", name_en: "Ho Chi Minh City", name_ja: "ホーチミン市", name_zh_hant: "胡志明市" },
    Province { code: "dong-nai", name: "Đồng Nai", name_en: "Dong Nai", name_ja: "ドンナイ", name_zh_hant: "同奈" },
];

pub fn province(code: &str) -> Option<&'static Province> {
    PROVINCES.iter().find(|province| province.code == code)
}

/// An industrial park or cluster.
#[derive(Clone, Copy, Debug)]
pub struct IndustrialPark {
    pub code: &'static str,
    pub name: &'static str,
    pub name_en: &'static str,
    pub name_ja: &'static str,
    pub name_zh_hant: &'static str,
    pub province: &'static str,
}

impl IndustrialPark {
    pub fn labels(&self) -> Labels {
        labels(self.name, self.name_en, self.name_ja, self.name_zh_hant)
    }
}

#[rustfmt::skip]
pub static INDUSTRIAL_PARKS: &[IndustrialPark] = &[
    IndustrialPark { code: "thang-long", name: "KCN Thăng Long", name_en: "Thang Long Industrial Park", name_ja: "タンロン工業団地", name_zh_hant: "昇龍工業區", province: "ha-noi" },
    IndustrialPark { code: "noi-bai", name: "KCN Nội Bài", name_en: "Noi Bai Industrial Park", name_ja: "ノイバイ工業団地", name_zh_hant: "內排工業區", province: "ha-noi" },
    IndustrialPark { code: "quang-minh", name: "KCN Quang Minh", name_en: "Quang Minh Industrial Park", name_ja: "クアンミン工業団地", name_zh_hant: "光明工業區", province: "ha-noi" },
    IndustrialPark { code: "phu-nghia", name: "KCN Phú Nghĩa", name_en: "Phu Nghia Industrial Park", name_ja: "フーギア工業団地", name_zh_hant: "富義工業區", province: "ha-noi" },
    IndustrialPark { code: "hoa-lac", name: "Khu CNC Hòa Lạc", name_en: "Hoa Lac Hi-Tech Park", name_ja: "ホアラック・ハイテクパーク", name_zh_hant: "和樂高科技園區", province: "ha-noi" },
    IndustrialPark { code: "nam-thang-long", name: "KCN Nam Thăng Long", name_en: "Nam Thang Long Industrial Park", name_ja: "ナムタンロン工業団地", name_zh_hant: "南昇龍工業區", province: "ha-noi" },
    IndustrialPark { code: "thach-that-quoc-oai", name: "KCN Thạch Thất – Quốc Oai", name_en: "Thach That – Quoc Oai Industrial Park", name_ja: "タックタット・クオックオアイ工業団地", name_zh_hant: "石室－國威工業區", province: "ha-noi" },
    IndustrialPark { code: "sai-dong-b", name: "KCN Sài Đồng B", name_en: "Sai Dong B Industrial Park", name_ja: "サイドンB工業団地", name_zh_hant: "柴東B工業區", province: "ha-noi" },
    IndustrialPark { code: "vsip-bac-ninh", name: "KCN VSIP Bắc Ninh", name_en: "VSIP Bac Ninh", name_ja: "VSIPバクニン工業団地", name_zh_hant: "VSIP北寧工業區", province: "bac-ninh" },
    IndustrialPark { code: "yen-phong", name: "KCN Yên Phong", name_en: "Yen Phong Industrial Park", name_ja: "イエンフォン工業団地", name_zh_hant: "安豐工業區", province: "bac-ninh" },
    IndustrialPark { code: "que-vo", name: "KCN Quế Võ", name_en: "Que Vo Industrial Park", name_ja: "クエボー工業団地", name_zh_hant: "桂武工業區", province: "bac-ninh" },
    IndustrialPark { code: "pho-noi-a", name: "KCN Phố Nối A", name_en: "Pho Noi A Industrial Park", name_ja: "フォーノイA工業団地", name_zh_hant: "舖內A工業區", province: "hung-yen" },
    IndustrialPark { code: "thang-long-ii", name: "KCN Thăng Long II", name_en: "Thang Long II Industrial Park", name_ja: "第二タンロン工業団地", name_zh_hant: "第二昇龍工業區", province: "hung-yen" },
    IndustrialPark { code: "ba-thien", name: "KCN Bá Thiện", name_en: "Ba Thien Industrial Park", name_ja: "バーティエン工業団地", name_zh_hant: "霸善工業區", province: "phu-tho" },
    IndustrialPark { code: "khai-quang", name: "KCN Khai Quang", name_en: "Khai Quang Industrial Park", name_ja: "カイクアン工業団地", name_zh_hant: "開光工業區", province: "phu-tho" },
    IndustrialPark { code: "vsip-hai-phong", name: "KCN VSIP Hải Phòng", name_en: "VSIP Hai Phong", name_ja: "VSIPハイフォン工業団地", name_zh_hant: "VSIP海防工業區", province: "hai-phong" },
    IndustrialPark { code: "dinh-vu", name: "KCN Đình Vũ", name_en: "Dinh Vu Industrial Park", name_ja: "ディンヴー工業団地", name_zh_hant: "亭武工業區", province: "hai-phong" },
    IndustrialPark { code: "yen-binh", name: "KCN Yên Bình", name_en: "Yen Binh Industrial Park", name_ja: "イエンビン工業団地", name_zh_hant: "安平工業區", province: "thai-nguyen" },
];

pub fn industrial_park(code: &str) -> Option<&'static IndustrialPark> {
    INDUSTRIAL_PARKS.iter().find(|park| park.code == code)
}

/// A unit that MOQ, capacity and volumes are given in.
#[derive(Clone, Copy, Debug)]
pub struct Unit {
    pub code: &'static str,
    pub labels: Labels,
}

#[rustfmt::skip]
pub static UNITS: &[Unit] = &[
    Unit { code: "pcs", labels: labels("cái", "pieces", "個", "件") },
    Unit { code: "sets", labels: labels("bộ", "sets", "セット", "套") },
    Unit { code: "kg", labels: labels("kg", "kilograms", "kg", "公斤") },
    Unit { code: "t", labels: labels("tấn", "tonnes", "トン", "公噸") },
    Unit { code: "m", labels: labels("mét", "metres", "メートル", "公尺") },
    Unit { code: "m2", labels: labels("mét vuông", "square metres", "平方メートル", "平方公尺") },
    Unit { code: "l", labels: labels("lít", "litres", "リットル", "公升") },
];

pub fn unit(code: &str) -> Option<&'static Unit> {
    UNITS.iter().find(|unit| unit.code == code)
}

#[cfg(test)]
mod tests {

    #[test]
    fn processes_are_found_in_text_in_any_language() {
        assert_eq!(processes_in("アルミダイカスト部品、切削加工まで一貫対応"), vec!["P03", "P01"]);
        assert_eq!(processes_in("Need aluminum die casting housings"), vec!["P03"], "not casting too");
        assert_eq!(processes_in("塑膠射出成型外殼"), vec!["P02"]);
        assert_eq!(processes_in("cần đối tác ep phun nhua"), vec!["P02"], "without diacritics");
        assert_eq!(processes_in("사출성형 부품"), vec!["P02"]);
        assert!(processes_in("stampings and castings for export").is_empty(), "whole words only");
    }

    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_cross_references_resolve() {
        let groups: HashSet<_> = PRODUCT_GROUPS.iter().map(|g| g.code).collect();
        assert_eq!(groups.len(), PRODUCT_GROUPS.len());
        assert_eq!(PRODUCT_GROUPS.len(), 32);
        for group in PRODUCT_GROUPS {
            assert!(sector(group.sector).is_some(), "{}", group.code);
        }
        let processes: HashSet<_> = PROCESSES.iter().map(|p| p.code).collect();
        assert_eq!(processes.len(), 17);
        for park in INDUSTRIAL_PARKS {
            assert!(province(park.province).is_some(), "{}", park.code);
        }
        for country in COUNTRIES {
            assert!(country.time_zone.parse::<chrono_tz::Tz>().is_ok(), "{}", country.code);
        }
        let certs: HashSet<_> = CERTIFICATIONS.iter().map(|c| c.code).collect();
        assert_eq!(certs.len(), CERTIFICATIONS.len());
    }
}
