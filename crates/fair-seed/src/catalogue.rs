//! What suppliers make: archetypes of CNHT firms (a precision machining shop, an
//! injection moulder, a harness maker...) and the product templates their catalogues
//! are drawn from. Every template names its product group, the processes it uses,
//! materials, HS codes (within the group's HS list), unit, order sizes and tolerance.
//!
//! Templates carry `{m}` (material) and `{a}` (application or variant) placeholders;
//! Vietnamese, English and (for precision and automotive firms) Japanese patterns.

use fair_domain::BusinessType;

/// A text in Vietnamese, English and Japanese (`""` where there is none).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tri {
    pub vi: &'static str,
    pub en: &'static str,
    pub ja: &'static str,
}

const fn tri(vi: &'static str, en: &'static str, ja: &'static str) -> Tri {
    Tri { vi, en, ja }
}

/// Vietnamese and English only.
const fn ve(vi: &'static str, en: &'static str) -> Tri {
    Tri { vi, en, ja: "" }
}

/// The same text in every language (sizes, model codes).
const fn same(text: &'static str) -> Tri {
    Tri { vi: text, en: text, ja: text }
}

/// A product a supplier of some archetype lists in its catalogue.
#[derive(Debug)]
pub(crate) struct Tpl {
    pub group: &'static str,
    pub name: Tri,
    pub processes: &'static [&'static str],
    pub materials: &'static [&'static str],
    pub apps: &'static [Tri],
    /// Full HS codes (6 or 8 digits, or a 4-digit heading); empty when none fits.
    pub hs: &'static [&'static str],
    pub unit: Option<&'static str>,
    /// Order and monthly-capacity ranges for a small firm; `(0, 0)` for services.
    pub moq: (i64, i64),
    pub capacity: (i64, i64),
    pub tolerance: Option<(i32, i32)>,
}

const PCS: Option<&str> = Some("pcs");
const SETS: Option<&str> = Some("sets");
const KG: Option<&str> = Some("kg");
const M: Option<&str> = Some("m");
const M2: Option<&str> = Some("m2");
const NO_UNIT: Option<&str> = None;
const NO_APPS: &[Tri] = &[];

macro_rules! tpl {
    ($group:literal, $vi:literal, $en:literal, $ja:literal,
     p[$($p:literal),*], m[$($m:literal),*], $apps:expr, hs[$($hs:literal),*],
     $unit:expr, $moq:expr, $cap:expr, $tol:expr) => {
        Tpl {
            group: $group,
            name: tri($vi, $en, $ja),
            processes: &[$($p),*],
            materials: &[$($m),*],
            apps: $apps,
            hs: &[$($hs),*],
            unit: $unit,
            moq: $moq,
            capacity: $cap,
            tolerance: $tol,
        }
    };
}

/// A company name fragment: Vietnamese trade words, English trade words, and the token
/// used in web domains.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Trade {
    pub vi: &'static str,
    pub en: &'static str,
    pub token: &'static str,
}

const fn trade(vi: &'static str, en: &'static str, token: &'static str) -> Trade {
    Trade { vi, en, token }
}

/// A kind of CNHT firm.
#[derive(Debug)]
pub(crate) struct Archetype {
    pub key: &'static str,
    pub sector: &'static str,
    /// Relative frequency within the sector.
    pub weight: u32,
    pub kind: BusinessType,
    /// The firm's VSIC code, from its main product group's list.
    pub vsic: &'static [&'static str],
    pub trades: &'static [Trade],
    /// What the firm does, using the taxonomy's process terms (lower case).
    pub focus: Tri,
    /// The industries it serves.
    pub markets: Tri,
    /// Its machines; `{n}` is replaced by a count that grows with head count.
    pub equipment: Tri,
    /// Precision and automotive firms: candidates for Japanese-speaking sales.
    pub precision: bool,
    pub primary: &'static [Tpl],
    pub secondary: &'static [Tpl],
}

// ---------------------------------------------------------------------------------
// Applications and variants
// ---------------------------------------------------------------------------------

const APP_MACHINE: &[Tri] = &[
    tri("máy công nghiệp", "industrial machinery", "産業機械"),
    tri("máy đóng gói", "packaging machines", "包装機"),
    tri("thiết bị tự động hóa", "automation equipment", "自動化設備"),
    tri("robot công nghiệp", "industrial robots", "産業用ロボット"),
    tri("máy dệt", "textile machinery", "繊維機械"),
    tri("máy công cụ CNC", "CNC machine tools", "工作機械"),
    tri("băng tải", "conveyors", "コンベヤ"),
    tri("xe máy", "motorcycles", "二輪車"),
];

const APP_DEVICES: &[Tri] = &[
    tri("thiết bị đo lường", "measuring instruments", "計測機器"),
    tri("thiết bị viễn thông", "telecom equipment", "通信機器"),
    tri("bộ nguồn công nghiệp", "industrial power supplies", "産業用電源"),
    tri("camera an ninh", "security cameras", "防犯カメラ"),
    tri("thiết bị y tế", "medical equipment", "医療機器"),
    tri("máy in văn phòng", "office printers", "プリンター"),
];

const APP_EL_PLASTIC: &[Tri] = &[
    tri("thiết bị điện gia dụng", "household appliances", "家電製品"),
    tri("máy in văn phòng", "office printers", "プリンター"),
    tri("điều hòa không khí", "air-conditioners", "エアコン"),
    tri("công tơ điện tử", "electronic meters", "電子メーター"),
    tri("thiết bị mạng", "network equipment", "ネットワーク機器"),
    tri("camera an ninh", "security cameras", "防犯カメラ"),
    tri("bộ sạc điện thoại", "phone chargers", "スマートフォン充電器"),
    tri("loa Bluetooth", "Bluetooth speakers", "Bluetoothスピーカー"),
    tri("quạt điện", "electric fans", "扇風機"),
    tri("nồi cơm điện", "rice cookers", "炊飯器"),
];

const APP_MOULDED: &[Tri] = &[
    tri("vỏ máy in", "printer housings", "プリンター筐体"),
    tri("linh kiện xe máy", "motorcycle parts", "二輪車部品"),
    tri("vỏ thiết bị gia dụng", "appliance housings", "家電筐体"),
    tri("chi tiết nội thất ô tô", "automotive interior parts", "自動車内装部品"),
    tri("nắp chai và bao bì", "caps and containers", "キャップ・容器"),
    tri("linh kiện điện tử", "electronic components", "電子部品"),
];

const APP_DIECAST: &[Tri] = &[
    tri("động cơ điện", "electric motors", "モーター"),
    tri("hộp số", "gearboxes", "ギヤボックス"),
    tri("đèn LED", "LED luminaires", "LED照明"),
    tri("máy bơm", "pumps", "ポンプ"),
    tri("thiết bị viễn thông", "telecom equipment", "通信機器"),
    tri("dụng cụ điện cầm tay", "power tools", "電動工具"),
];

const APP_STAMPED: &[Tri] = &[
    tri("chi tiết ô tô", "automotive parts", "自動車部品"),
    tri("vỏ thiết bị điện", "electrical enclosures", "電気機器筐体"),
    tri("đầu cốt, tiếp điểm điện", "electrical terminals", "端子"),
    tri("giá đỡ điều hòa", "air-conditioner brackets", "エアコン用ブラケット"),
    tri("lá thép động cơ", "motor laminations", "モーターコア"),
];

const APP_RUBBER: &[Tri] = &[
    tri("chi tiết cao su kỹ thuật", "technical rubber parts", "工業用ゴム部品"),
    tri("phím bấm silicone", "silicone keypads", "シリコンキーパッド"),
    tri("đệm chống rung", "anti-vibration mounts", "防振ゴム"),
];

const APP_APPLIANCE: &[Tri] = &[
    tri("điều hòa", "air-conditioners", "エアコン"),
    tri("máy giặt", "washing machines", "洗濯機"),
    tri("tủ lạnh", "refrigerators", "冷蔵庫"),
    tri("quạt điện", "electric fans", "扇風機"),
    tri("tủ điện", "electrical cabinets", "配電盤"),
];

const APP_LED: &[Tri] = &[
    tri("đèn đường LED", "LED street lights", "LED街路灯"),
    tri("đèn pha LED", "LED floodlights", "LED投光器"),
    tri("đèn âm trần", "LED downlights", "LEDダウンライト"),
    tri("đèn nhà xưởng", "LED high-bay lights", "LED高天井灯"),
];

const APP_PCBA: &[Tri] = &[
    tri("thiết bị gia dụng", "home appliances", "家電"),
    tri("đèn LED", "LED lighting", "LED照明"),
    tri("công tơ điện", "electricity meters", "電力量計"),
    tri("thiết bị công nghiệp", "industrial equipment", "産業機器"),
    tri("thiết bị y tế", "medical devices", "医療機器"),
    tri("xe điện", "electric vehicles", "電動車両"),
    tri("điều hòa", "air-conditioners", "エアコン"),
];

const APP_HARNESS: &[Tri] = &[
    tri("máy giặt", "washing machines", "洗濯機"),
    tri("điều hòa", "air-conditioners", "エアコン"),
    tri("máy in", "printers", "プリンター"),
    tri("tủ lạnh", "refrigerators", "冷蔵庫"),
    tri("thiết bị công nghiệp", "industrial equipment", "産業機器"),
    tri("xe máy điện", "electric scooters", "電動スクーター"),
];

const APP_VEHICLE: &[Tri] = &[
    tri("ô tô du lịch", "passenger car", "乗用車用"),
    tri("xe tải nhẹ", "light truck", "小型トラック用"),
    tri("xe buýt", "bus", "バス用"),
];

const APP_TOOL_SIZES: &[Tri] =
    &[same("Ø3 mm"), same("Ø6 mm"), same("Ø8 mm"), same("Ø10 mm"), same("Ø12 mm"), same("Ø16 mm")];

// ---------------------------------------------------------------------------------
// Mechanical engineering (ME)
// ---------------------------------------------------------------------------------

const ME_CNC: &[Tpl] = &[
    tpl!("ME5", "Trục {m} gia công CNC cho {a}", "CNC-machined {m} shaft for {a}", "{a}用{m}切削シャフト",
        p["P01", "P09", "P11"], m["S45C", "SCM440", "SUS304"], APP_MACHINE, hs["848790", "84879000"],
        PCS, (100, 500), (2_000, 20_000), Some((5, 20))),
    tpl!("ME5", "Bạc lót {m} tiện CNC cho {a}", "CNC-turned {m} bushing for {a}", "{a}用{m}旋削ブッシュ",
        p["P01"], m["C3604", "SUS303", "POM"], APP_MACHINE, hs["848790"],
        PCS, (200, 1_000), (5_000, 40_000), Some((5, 15))),
    tpl!("ME5", "Chi tiết nhôm {m} phay CNC cho {a}", "CNC-milled {m} aluminium part for {a}", "{a}用{m}アルミ切削部品",
        p["P01", "P08"], m["A6061", "A7075", "A5052"], APP_MACHINE, hs["848790", "84879000"],
        PCS, (50, 300), (1_000, 10_000), Some((10, 30))),
    tpl!("ME5", "Chi tiết inox {m} gia công chính xác cho {a}", "Precision-machined {m} stainless part for {a}", "{a}用{m}ステンレス精密部品",
        p["P01", "P11"], m["SUS304", "SUS316", "SUS440C"], APP_DEVICES, hs["848790"],
        PCS, (50, 300), (1_000, 8_000), Some((5, 20))),
    tpl!("ME5", "Chốt định vị {m} mài chính xác cho {a}", "Precision-ground {m} locating pin for {a}", "{a}用{m}研削位置決めピン",
        p["P01", "P09", "P11"], m["SUJ2", "SKD11"], APP_MACHINE, hs["848790"],
        PCS, (100, 500), (3_000, 20_000), Some((3, 8))),
    tpl!("ME5", "Mặt bích {m} gia công CNC cho {a}", "CNC-machined {m} flange for {a}", "{a}用{m}切削フランジ",
        p["P01"], m["S45C", "SS400", "SUS304"], APP_MACHINE, hs["848790"],
        PCS, (50, 200), (1_000, 6_000), Some((10, 30))),
    tpl!("ME5", "Vỏ hộp nhôm {m} phay CNC cho {a}", "CNC-milled {m} aluminium enclosure for {a}", "{a}用{m}アルミ削り出し筐体",
        p["P01", "P08"], m["A6061", "A6063"], APP_DEVICES, hs["848790"],
        PCS, (50, 200), (500, 5_000), Some((10, 30))),
    tpl!("ME5", "Linh kiện đồng {m} tiện tự động cho {a}", "Automatic-lathe {m} brass component for {a}", "{a}用{m}自動旋盤加工部品",
        p["P01"], m["C3604", "C3602"], APP_DEVICES, hs["848790"],
        PCS, (1_000, 5_000), (50_000, 300_000), Some((10, 20))),
];

const ME_JIGS: &[Tpl] = &[
    tpl!("ME2", "Đồ gá kiểm tra cho {a}", "Inspection jig for {a}", "{a}用検査治具",
        p["P01"], m["A5052", "S50C", "POM"], APP_MOULDED, hs["846630"],
        SETS, (1, 1), (10, 60), Some((5, 20))),
    tpl!("ME2", "Đồ gá gia công CNC cho {a}", "CNC machining fixture for {a}", "{a}用加工治具",
        p["P01", "P09"], m["S50C", "SKD11"], APP_MACHINE, hs["846620"],
        SETS, (1, 1), (10, 40), Some((5, 10))),
    tpl!("ME2", "Đồ gá hàn cho {a}", "Welding fixture for {a}", "{a}用溶接治具",
        p["P01"], m["SS400", "S50C"], APP_STAMPED, hs["846630"],
        SETS, (1, 1), (5, 30), Some((20, 50))),
];

const ME_MOULD: &[Tpl] = &[
    tpl!("ME1", "Khuôn ép phun nhựa cho {a}", "Plastic injection mould for {a}", "{a}用射出成形金型",
        p["P07", "P11", "P01"], m["NAK80", "P20", "SKD61", "S136"], APP_MOULDED, hs["848071", "84807190"],
        SETS, (1, 1), (3, 15), Some((5, 10))),
    tpl!("ME1", "Khuôn đúc áp lực nhôm cho vỏ {a}", "Aluminium die-casting die for {a} housings", "{a}ハウジング用アルミダイカスト金型",
        p["P07", "P11", "P01"], m["SKD61", "DAC"], APP_DIECAST, hs["848041"],
        SETS, (1, 1), (2, 8), Some((5, 10))),
    tpl!("ME2", "Khuôn dập liên hoàn cho {a}", "Progressive stamping die for {a}", "{a}用順送プレス金型",
        p["P07", "P11"], m["SKD11", "DC53"], APP_STAMPED, hs["820730"],
        SETS, (1, 1), (2, 10), Some((5, 10))),
    tpl!("ME1", "Khuôn ép cao su cho {a}", "Rubber compression mould for {a}", "{a}用ゴム成形金型",
        p["P07", "P01"], m["S50C", "P20"], APP_RUBBER, hs["848079"],
        SETS, (1, 1), (4, 20), Some((10, 20))),
    tpl!("ME1", "Lõi, lòng khuôn {m} gia công EDM cho {a}", "EDM-machined {m} cores and cavities for {a}", "{a}用{m}金型コア・キャビティ（放電加工）",
        p["P11", "P07"], m["SKD61", "NAK80", "STAVAX"], APP_MOULDED, hs["848071"],
        PCS, (1, 10), (50, 300), Some((3, 10))),
    tpl!("ME2", "Chày, cối dập {m} cho {a}", "{m} punches and dies for {a}", "{a}用{m}パンチ・ダイ",
        p["P11", "P09"], m["SKD11", "SKH51"], APP_STAMPED, hs["820730"],
        PCS, (5, 50), (200, 2_000), Some((3, 8))),
];

const ME_CASTING: &[Tpl] = &[
    tpl!("ME4", "Vỏ {a} đúc áp lực nhôm {m}", "{m} aluminium die-cast housing for {a}", "{a}用{m}アルミダイカストハウジング",
        p["P03", "P01"], m["ADC12", "A380", "ADC10"], APP_DIECAST, hs["761699", "76169990"],
        PCS, (500, 2_000), (10_000, 80_000), Some((30, 80))),
    tpl!("ME4", "Đúc áp lực nhôm chi tiết {a} theo bản vẽ", "Aluminium die-cast parts for {a}, made to drawing", "{a}部品のアルミダイカスト（図面対応）",
        p["P03", "P01", "P08"], m["ADC12", "A380"], APP_DIECAST, hs["761699"],
        PCS, (500, 3_000), (10_000, 100_000), Some((30, 80))),
    tpl!("ME4", "Tản nhiệt nhôm đúc áp lực cho {a}", "Die-cast aluminium heat sink for {a}", "{a}用アルミダイカストヒートシンク",
        p["P03", "P08"], m["ADC12"], APP_LED, hs["761699"],
        PCS, (500, 2_000), (10_000, 60_000), Some((50, 100))),
    tpl!("ME4", "Nắp hộp số xe máy đúc áp lực nhôm {m}", "{m} die-cast aluminium motorcycle gearbox cover", "{m}二輪車用アルミダイカストミッションカバー",
        p["P03", "P01"], m["ADC12"], NO_APPS, hs["761699"],
        PCS, (1_000, 3_000), (20_000, 80_000), Some((30, 60))),
    tpl!("ME4", "Chi tiết gang xám {m} đúc cát cho {a}", "{m} grey-iron sand casting for {a}", "{a}用{m}ねずみ鋳鉄鋳物",
        p["P06", "P01"], m["FC200", "FC250"], APP_MACHINE, hs["732510", "73251090"],
        PCS, (100, 500), (2_000, 20_000), None),
    tpl!("ME4", "Chi tiết gang cầu {m} đúc cho {a}", "{m} ductile-iron casting for {a}", "{a}用{m}ダクタイル鋳鉄部品",
        p["P06", "P01"], m["FCD450", "FCD500"], APP_MACHINE, hs["732599"],
        PCS, (100, 500), (2_000, 15_000), None),
    tpl!("ME4", "Chi tiết nhôm đúc trọng lực {m} cho {a}", "{m} gravity-cast aluminium part for {a}", "{a}用{m}アルミ重力鋳造部品",
        p["P06", "P01"], m["AC4C", "A356"], APP_DIECAST, hs["761699"],
        PCS, (200, 1_000), (3_000, 20_000), Some((50, 100))),
];

const ME_FORGING: &[Tpl] = &[
    tpl!("ME4", "Phôi rèn nóng {m} cho {a}", "Hot-forged {m} blank for {a}", "{a}用{m}熱間鍛造素材",
        p["P06", "P09"], m["S45C", "SCM420", "SCM440"], APP_MACHINE, hs["732619"],
        PCS, (500, 2_000), (10_000, 60_000), None),
    tpl!("ME4", "Mặt bích rèn {m} cho {a}", "Forged {m} flange for {a}", "{a}用{m}鍛造フランジ",
        p["P06", "P01"], m["SS400", "A105", "SUS304"], APP_MACHINE, hs["730791"],
        PCS, (100, 500), (2_000, 20_000), Some((30, 50))),
    tpl!("ME4", "Chi tiết rèn {m} gia công hoàn thiện cho {a}", "Forged and machined {m} part for {a}", "{a}用{m}鍛造・切削仕上げ部品",
        p["P06", "P01", "P09"], m["S45C", "SCM440"], APP_MACHINE, hs["732619"],
        PCS, (200, 1_000), (5_000, 30_000), Some((20, 50))),
    tpl!("ME4", "Móc cẩu rèn {m}", "Forged {m} lifting hook", "{m}鍛造吊りフック",
        p["P06", "P09"], m["S45C", "SCM440"], NO_APPS, hs["732690"],
        PCS, (100, 500), (2_000, 10_000), None),
];

const ME_FASTENERS: &[Tpl] = &[
    tpl!("ME3", "Bu lông lục giác {m} cấp bền {a}", "Property class {a} {m} hex bolt", "{m}強度区分{a}六角ボルト",
        p["P06", "P09", "P08"], m["SWCH45K", "SCM435"], &[same("8.8"), same("10.9"), same("12.9")], hs["731815", "73181510"],
        PCS, (10_000, 50_000), (500_000, 3_000_000), None),
    tpl!("ME3", "Đai ốc {m} mạ kẽm {a}", "Zinc-plated {m} nut {a}", "{m}亜鉛めっきナット {a}",
        p["P06", "P08"], m["SWCH10A", "SS400"], &[same("M6"), same("M8"), same("M10"), same("M12")], hs["731816"],
        PCS, (10_000, 50_000), (500_000, 3_000_000), None),
    tpl!("ME3", "Vít {m} cho {a}", "{m} screw for {a}", "{a}用{m}ねじ",
        p["P06", "P08"], m["SWCH18A", "SUS410"], APP_DEVICES, hs["731814"],
        PCS, (10_000, 100_000), (1_000_000, 5_000_000), None),
    tpl!("ME3", "Lò xo nén {m} cho {a}", "{m} compression spring for {a}", "{a}用{m}圧縮ばね",
        p["P09"], m["SWP-A", "SUS304-WPB"], APP_MACHINE, hs["732020"],
        PCS, (1_000, 10_000), (100_000, 1_000_000), None),
    tpl!("ME3", "Lò xo lá {m} dập cho {a}", "Stamped {m} leaf spring for {a}", "{a}用{m}板ばね（プレス品）",
        p["P04", "P09"], m["SK5", "SUS301"], APP_DEVICES, hs["732010"],
        PCS, (1_000, 10_000), (100_000, 800_000), Some((30, 50))),
    tpl!("ME3", "Long đen {m} dập {a}", "Stamped {m} washer {a}", "{m}プレスワッシャー {a}",
        p["P04", "P08"], m["SPCC", "SUS304"], &[same("M6"), same("M8"), same("M10"), same("M16")], hs["731822"],
        PCS, (10_000, 50_000), (500_000, 5_000_000), None),
    tpl!("ME3", "Chốt {m} cho {a}", "{m} pin for {a}", "{a}用{m}ピン",
        p["P01", "P09"], m["S45C", "SUS304"], APP_MACHINE, hs["731824"],
        PCS, (1_000, 5_000), (50_000, 300_000), Some((10, 20))),
];

const ME_GEARS: &[Tpl] = &[
    tpl!("ME3", "Bánh răng trụ {m} cho {a}", "{m} spur gear for {a}", "{a}用{m}平歯車",
        p["P01", "P09"], m["S45C", "SCM415", "SCM440"], APP_MACHINE, hs["848340"],
        PCS, (100, 500), (2_000, 20_000), Some((10, 25))),
    tpl!("ME3", "Bánh răng nhựa {m} ép phun cho {a}", "Injection-moulded {m} plastic gear for {a}", "{a}用{m}樹脂歯車（射出成形）",
        p["P02"], m["POM", "PA66"], APP_DEVICES, hs["848340"],
        PCS, (1_000, 5_000), (50_000, 300_000), Some((20, 40))),
    tpl!("ME3", "Trục bánh răng {m} cho {a}", "{m} gear shaft for {a}", "{a}用{m}ギヤシャフト",
        p["P01", "P09", "P11"], m["SCM415", "SCM440"], APP_MACHINE, hs["848340", "848310"],
        PCS, (100, 500), (1_000, 10_000), Some((5, 15))),
    tpl!("ME3", "Puly {m} cho {a}", "{m} pulley for {a}", "{a}用{m}プーリー",
        p["P01"], m["FC200", "A6061"], APP_MACHINE, hs["848350"],
        PCS, (100, 500), (2_000, 15_000), Some((20, 40))),
    tpl!("ME3", "Nhông xích công nghiệp {m} cho {a}", "{m} industrial sprocket for {a}", "{a}用{m}産業用スプロケット",
        p["P01", "P09"], m["S45C", "SCM440"], APP_MACHINE, hs["848390"],
        PCS, (100, 500), (2_000, 10_000), Some((20, 50))),
    tpl!("ME3", "Bánh vít, trục vít {m} cho {a}", "{m} worm and worm wheel for {a}", "{a}用{m}ウォームギヤ",
        p["P01", "P09"], m["SCM440", "CAC502"], APP_MACHINE, hs["848340"],
        SETS, (50, 200), (500, 5_000), Some((10, 20))),
];

const ME_TOOLS: &[Tpl] = &[
    tpl!(
        "ME2",
        "Dao phay ngón hợp kim cứng {a}",
        "Solid carbide end mill {a}",
        "超硬エンドミル {a}",
        p["P11"],
        m["WC-Co"],
        APP_TOOL_SIZES,
        hs["820770"],
        PCS,
        (10, 50),
        (1_000, 10_000),
        Some((3, 5))
    ),
    tpl!("ME2", "Mũi khoan {m} {a}", "{m} drill {a}", "{m}ドリル {a}",
        p["P11", "P09"], m["HSS-Co", "WC-Co"], APP_TOOL_SIZES, hs["820750"],
        PCS, (10, 100), (2_000, 20_000), Some((5, 10))),
    tpl!("ME2", "Dao tiện định hình {m} cho {a}", "{m} form turning tool for {a}", "{a}用{m}総形バイト",
        p["P11", "P09"], m["HSS", "SKH51"], APP_MACHINE, hs["820780"],
        PCS, (5, 20), (200, 2_000), Some((5, 10))),
    tpl!("ME2", "Ta rô, bàn ren {m} {a}", "{m} taps and dies {a}", "{m}タップ・ダイス {a}",
        p["P11", "P09"], m["HSS", "HSS-E"], &[same("M3–M12"), same("M6–M24"), same("M12–M36")], hs["820740"],
        SETS, (5, 20), (500, 5_000), Some((5, 10))),
    tpl!("ME2", "Mảnh dao cắt phủ {m} {a}", "{m}-coated cutting insert {a}", "{m}コーティングチップ {a}",
        p["P11"], m["TiAlN", "AlCrN"], &[same("CNMG 120408"), same("APMT 1604"), same("WNMG 080408")], hs[],
        PCS, (10, 50), (5_000, 50_000), Some((5, 10))),
];

const ME_SHEET: &[Tpl] = &[
    tpl!("ME3", "Giá đỡ thép {m} dập cho {a}", "Stamped {m} steel bracket for {a}", "{a}用{m}プレスブラケット",
        p["P04", "P08"], m["SPCC", "SECC", "SGCC"], APP_APPLIANCE, hs[],
        PCS, (1_000, 5_000), (50_000, 500_000), Some((50, 100))),
    tpl!("ME3", "Chi tiết dập vuốt sâu {m} cho {a}", "Deep-drawn {m} part for {a}", "{a}用{m}深絞り部品",
        p["P04"], m["SPCC", "SUS304", "A1050"], APP_APPLIANCE, hs[],
        PCS, (1_000, 5_000), (30_000, 300_000), Some((30, 80))),
    tpl!("ME3", "Kẹp lò xo {m} dập cho {a}", "Stamped {m} spring clip for {a}", "{a}用{m}プレスばねクリップ",
        p["P04", "P09"], m["SK5", "SUS301"], APP_APPLIANCE, hs["732090"],
        PCS, (5_000, 20_000), (200_000, 2_000_000), Some((30, 50))),
    tpl!("ME6", "Vỏ tủ điện thép tấm {m} sơn tĩnh điện", "Powder-coated {m} sheet-metal cabinet", "{m}板金制御盤筐体（粉体塗装）",
        p["P05", "P08", "P10"], m["SPCC", "SGCC", "SUS304"], NO_APPS, hs[],
        PCS, (10, 50), (200, 2_000), None),
    tpl!("ME6", "Khung giá đỡ tấm pin mặt trời {m}", "{m} solar panel mounting frame", "{m}太陽光パネル架台",
        p["P05", "P10", "P08"], m["SS400", "A6005"], NO_APPS, hs[],
        SETS, (50, 200), (1_000, 10_000), None),
    tpl!("ME6", "Lá thép kỹ thuật điện dập cho stato {a}", "Stamped electrical-steel stator laminations for {a}", "{a}用ステータコア（電磁鋼板プレス）",
        p["P04"], m["50JN470", "35JN300"], &[tri("quạt điện", "electric fans", "扇風機"), tri("máy bơm", "pumps", "ポンプ"), tri("xe máy điện", "electric scooters", "電動スクーター")], hs["850300", "85030090"],
        PCS, (5_000, 20_000), (200_000, 2_000_000), Some((10, 30))),
    tpl!("ME6", "Chi tiết cắt laser, chấn gấp {m} cho {a}", "Laser-cut and bent {m} part for {a}", "{a}用{m}レーザー切断・曲げ部品",
        p["P05", "P10"], m["SS400", "SUS304", "A5052"], APP_APPLIANCE, hs[],
        PCS, (50, 500), (5_000, 50_000), Some((100, 200))),
];

const ME_MOTORS: &[Tpl] = &[
    tpl!("ME6", "Động cơ điện một chiều {a}", "DC motor {a}", "DCモーター {a}",
        p[], m["Cu", "50JN470"], &[same("24 V 200 W"), same("48 V 500 W"), same("12 V 60 W")], hs["850131"],
        PCS, (100, 500), (2_000, 20_000), None),
    tpl!("ME6", "Động cơ bước {a}", "Stepper motor {a}", "ステッピングモーター {a}",
        p[], m["Cu", "50JN470"], &[same("NEMA 17"), same("NEMA 23"), same("NEMA 34")], hs["850131"],
        PCS, (100, 500), (2_000, 20_000), None),
    tpl!("ME6", "Động cơ cảm ứng ba pha {a}", "Three-phase induction motor {a}", "三相誘導モーター {a}",
        p[], m["Cu", "FC200"], &[same("0,75 kW"), same("1,5 kW"), same("3,7 kW")], hs["850152"],
        PCS, (20, 100), (500, 5_000), None),
    tpl!("ME6", "Stato quấn dây cho động cơ {a}", "Wound stator for {a} motors", "{a}モーター用巻線ステータ",
        p["P04"], m["50JN470", "Cu"], &[tri("quạt điện", "electric fan", "扇風機"), tri("máy bơm", "pump", "ポンプ"), tri("máy giặt", "washing machine", "洗濯機")], hs["850300"],
        PCS, (500, 2_000), (10_000, 100_000), None),
    tpl!("ME6", "Vỏ động cơ nhôm đúc áp lực {m}", "{m} die-cast aluminium motor housing", "{m}アルミダイカストモーターハウジング",
        p["P03", "P01"], m["ADC12"], NO_APPS, hs["850300"],
        PCS, (500, 2_000), (10_000, 60_000), Some((30, 60))),
    tpl!("ME6", "Trục động cơ {m} mài chính xác", "Precision-ground {m} motor shaft", "{m}研削モーターシャフト",
        p["P01", "P09", "P11"], m["S45C", "SUS420J2"], NO_APPS, hs["850300"],
        PCS, (500, 2_000), (10_000, 80_000), Some((3, 8))),
];

const ME_SURFACE: &[Tpl] = &[
    tpl!("ME5", "Anod hóa {a} chi tiết nhôm {m}", "{a} anodising of {m} aluminium parts", "{m}アルミ部品の{a}アルマイト処理",
        p["P08"], m["A6061", "A6063", "A5052"], &[tri("cứng", "Hard", "硬質"), tri("màu đen", "Black", "黒"), tri("trang trí", "Decorative", "装飾")], hs[],
        PCS, (100, 1_000), (50_000, 500_000), None),
    tpl!("ME5", "Mạ kẽm {a} chi tiết thép {m}", "{a} zinc plating of {m} steel parts", "{m}鋼部品の{a}亜鉛めっき",
        p["P08"], m["SS400", "SPCC", "S45C"], &[tri("trắng xanh", "Trivalent blue-white", "三価クロメート"), tri("nhúng nóng", "Hot-dip", "溶融"), tri("đen", "Black", "黒")], hs[],
        PCS, (500, 5_000), (100_000, 1_000_000), None),
    tpl!("ME5", "Mạ niken hóa học chi tiết {m}", "Electroless nickel plating of {m} parts", "{m}部品の無電解ニッケルめっき",
        p["P08"], m["S45C", "A6061", "SUS304"], NO_APPS, hs[],
        PCS, (100, 1_000), (20_000, 200_000), None),
    tpl!("ME5", "Sơn tĩnh điện vỏ {a}", "Powder coating of {a} enclosures", "{a}筐体の粉体塗装",
        p["P08"], m["SPCC", "SECC"], APP_APPLIANCE, hs[],
        PCS, (100, 500), (10_000, 100_000), None),
    tpl!("ME5", "Mạ crôm cứng trục {m}", "Hard chrome plating of {m} shafts", "{m}シャフトの硬質クロムめっき",
        p["P08"], m["S45C", "SCM440"], NO_APPS, hs[],
        PCS, (50, 200), (2_000, 20_000), None),
    tpl!("ME5", "Thụ động hóa chi tiết inox {m}", "Passivation of {m} stainless parts", "{m}ステンレス部品の不動態化処理",
        p["P08"], m["SUS304", "SUS316"], NO_APPS, hs[],
        PCS, (100, 1_000), (20_000, 200_000), None),
];

const ME_HEAT: &[Tpl] = &[
    tpl!("ME5", "Nhiệt luyện chân không chi tiết {m}", "Vacuum heat treatment of {m} parts", "{m}部品の真空熱処理",
        p["P09"], m["SKD11", "SKD61", "SKH51"], NO_APPS, hs[],
        KG, (50, 200), (20_000, 150_000), None),
    tpl!("ME5", "Tôi cao tần trục {m}", "Induction hardening of {m} shafts", "{m}シャフトの高周波焼入れ",
        p["P09"], m["S45C", "SCM440"], NO_APPS, hs[],
        KG, (50, 200), (20_000, 150_000), None),
    tpl!("ME5", "Thấm cacbon chi tiết {m}", "Carburising of {m} parts", "{m}部品の浸炭焼入れ",
        p["P09"], m["SCM415", "SCM420", "20CrMnTi"], NO_APPS, hs[],
        KG, (100, 300), (30_000, 200_000), None),
    tpl!("ME5", "Thấm nitơ khuôn {m}", "Nitriding of {m} moulds and dies", "{m}金型の窒化処理",
        p["P09"], m["SKD61", "SKD11"], NO_APPS, hs[],
        KG, (50, 200), (10_000, 80_000), None),
    tpl!("ME5", "Ram khử ứng suất chi tiết hàn {m}", "Stress-relief annealing of welded {m} parts", "{m}溶接部品の応力除去焼鈍",
        p["P09"], m["SS400", "S355"], NO_APPS, hs[],
        KG, (200, 500), (50_000, 300_000), None),
    tpl!("ME5", "Trục {m} gia công CNC và tôi cứng cho {a}", "CNC-machined and hardened {m} shaft for {a}", "{a}用{m}切削・焼入れシャフト",
        p["P01", "P09"], m["S45C", "SCM440"], APP_MACHINE, hs["848790"],
        PCS, (100, 500), (2_000, 20_000), Some((10, 20))),
];

// ---------------------------------------------------------------------------------
// Electronics (EL)
// ---------------------------------------------------------------------------------

const EL_PLASTIC: &[Tpl] = &[
    tpl!("EL5", "Vỏ nhựa ép phun {m} cho {a}", "Injection-moulded {m} housing for {a}", "{a}用{m}射出成形ハウジング",
        p["P02"], m["ABS", "PC/ABS", "PC", "PP"], APP_EL_PLASTIC, hs["392690", "39269099"],
        PCS, (1_000, 5_000), (50_000, 500_000), Some((20, 50))),
    tpl!("EL5", "Ép phun nhựa {m} linh kiện {a}", "{m} injection moulding of {a} components", "{a}部品の{m}射出成形",
        p["P02"], m["ABS", "PC", "PP", "PA66"], APP_EL_PLASTIC, hs["392690"],
        PCS, (1_000, 5_000), (50_000, 500_000), Some((20, 50))),
    tpl!("EL5", "Chi tiết nhựa kỹ thuật {m} ép phun cho {a}", "Injection-moulded {m} engineering-plastic part for {a}", "{a}用{m}エンプラ射出成形部品",
        p["P02"], m["PA66-GF30", "POM", "PBT-GF30", "PPS"], APP_EL_PLASTIC, hs["392690"],
        PCS, (1_000, 5_000), (30_000, 300_000), Some((10, 30))),
    tpl!("EL5", "Chế tạo khuôn và ép phun nhựa {m} trọn gói cho {a}", "Turnkey mould making and {m} injection moulding for {a}", "{a}向け金型製作・{m}射出成形一貫対応",
        p["P07", "P02"], m["ABS", "PC", "PP"], APP_EL_PLASTIC, hs["392690"],
        PCS, (1_000, 5_000), (30_000, 300_000), Some((20, 50))),
    tpl!("EL5", "Nút bấm nhựa {m} in lụa cho {a}", "Pad-printed {m} plastic buttons for {a}", "{a}用{m}樹脂ボタン（印刷付き）",
        p["P02", "P17"], m["ABS", "PC"], APP_EL_PLASTIC, hs["392690"],
        PCS, (5_000, 20_000), (200_000, 2_000_000), Some((20, 40))),
    tpl!("EL5", "Chụp tán quang {m} ép phun cho {a}", "Injection-moulded {m} light diffuser for {a}", "{a}用{m}拡散カバー（射出成形）",
        p["P02"], m["PC", "PMMA"], APP_LED, hs["392690"],
        PCS, (1_000, 5_000), (50_000, 300_000), Some((30, 50))),
    tpl!("EL5", "Ép phun nhựa hai màu (2K) {m} cho {a}", "Two-shot (2K) {m} injection moulding for {a}", "{a}用{m}二色成形部品",
        p["P02"], m["PC+TPU", "ABS+TPE"], APP_EL_PLASTIC, hs["392690"],
        PCS, (3_000, 10_000), (50_000, 300_000), Some((20, 50))),
    tpl!("EL5", "Vỏ nhựa {m} ép phun sơn phủ UV cho {a}", "UV-coated injection-moulded {m} housing for {a}", "{a}用{m}UV塗装樹脂ハウジング",
        p["P02", "P08"], m["ABS", "PC/ABS"], APP_EL_PLASTIC, hs["392690"],
        PCS, (2_000, 10_000), (30_000, 200_000), Some((20, 50))),
    tpl!("EL5", "Ép phun nhựa chèn kim loại (insert moulding) {m} cho {a}", "{m} insert moulding with metal inserts for {a}", "{a}用{m}インサート成形部品",
        p["P02"], m["PBT-GF30", "PA66-GF30"], APP_EL_PLASTIC, hs["392690"],
        PCS, (2_000, 10_000), (50_000, 300_000), Some((20, 40))),
    tpl!("EL5", "Khay nhựa {m} đóng gói linh kiện điện tử", "{m} trays for electronic components", "{m}電子部品用トレイ",
        p["P02", "P17"], m["PS-ESD", "ABS-ESD"], NO_APPS, hs["392690"],
        PCS, (5_000, 20_000), (100_000, 1_000_000), None),
];

const EL_RUBBER: &[Tpl] = &[
    tpl!("EL5", "Phím bấm cao su silicone cho {a}", "Silicone rubber keypad for {a}", "{a}用シリコンゴムキーパッド",
        p["P14"], m["Silicone", "LSR"], APP_EL_PLASTIC, hs["401699", "40169999"],
        PCS, (2_000, 10_000), (100_000, 1_000_000), None),
    tpl!("EL5", "Gioăng cao su {m} cho {a}", "{m} rubber gasket for {a}", "{a}用{m}ゴムパッキン",
        p["P14"], m["EPDM", "NBR", "Silicone"], APP_APPLIANCE, hs["401693"],
        PCS, (2_000, 10_000), (100_000, 1_000_000), None),
    tpl!("EL5", "Ron chữ O {m} {a}", "{m} O-ring {a}", "{m} Oリング {a}",
        p["P14"], m["NBR", "FKM", "EPDM"], &[same("JIS B2401"), same("AS568"), same("ISO 3601")], hs["401693"],
        PCS, (5_000, 20_000), (200_000, 2_000_000), None),
    tpl!("EL5", "Đệm chống rung cao su {m} cho {a}", "{m} anti-vibration rubber mount for {a}", "{a}用{m}防振ゴム",
        p["P14"], m["NR", "EPDM"], APP_APPLIANCE, hs["401699"],
        PCS, (1_000, 5_000), (50_000, 300_000), None),
    tpl!("EL5", "Ép cao su kỹ thuật {m} theo bản vẽ cho {a}", "{m} rubber moulding to drawing for {a}", "{a}用{m}ゴム成形品（図面対応）",
        p["P14"], m["EPDM", "NBR", "CR"], APP_DEVICES, hs["401699"],
        PCS, (1_000, 5_000), (50_000, 500_000), None),
    tpl!("EL5", "Chi tiết cao su lưu hóa dính kim loại {m} cho {a}", "Rubber-to-metal bonded {m} part for {a}", "{a}用{m}金属焼付けゴム部品",
        p["P14"], m["NR", "NBR"], APP_MACHINE, hs["401699"],
        PCS, (1_000, 5_000), (20_000, 200_000), None),
    tpl!(
        "EL5",
        "Gioăng silicone chống nước cho {a}",
        "Waterproof silicone seal for {a}",
        "{a}用シリコン防水シール",
        p["P14"],
        m["Silicone"],
        APP_LED,
        hs["401693"],
        PCS,
        (2_000, 10_000),
        (100_000, 800_000),
        None
    ),
];

const EL_PCB: &[Tpl] = &[
    tpl!("EL2", "Lắp ráp SMT bo mạch PCBA cho {a}", "SMT PCBA assembly for {a}", "{a}用基板実装（SMT）",
        p["P12"], m["FR-4", "SAC305"], APP_PCBA, hs["853400", "85340090"],
        PCS, (100, 1_000), (10_000, 200_000), None),
    tpl!("EL2", "Bảng mạch in {a} lớp FR-4", "{a}-layer FR-4 printed circuit board", "{a}層FR-4プリント基板",
        p[], m["FR-4", "Cu 1 oz"], &[same("2"), same("4"), same("6"), same("8")], hs["853400"],
        M2, (5, 20), (500, 5_000), None),
    tpl!("EL2", "Bo mạch điều khiển cho {a}", "Control board for {a}", "{a}用制御基板",
        p["P12"], m["FR-4", "SAC305"], APP_PCBA, hs["853400"],
        PCS, (500, 2_000), (10_000, 100_000), None),
    tpl!("EL2", "Mạch in nhôm tản nhiệt cho {a}", "Aluminium-core PCB for {a}", "{a}用アルミベース基板",
        p[], m["Al-core MCPCB"], APP_LED, hs["853400"],
        M2, (5, 20), (500, 5_000), None),
    tpl!("EL2", "Lắp ráp THT và hàn sóng bo mạch cho {a}", "THT assembly and wave soldering for {a}", "{a}用挿入実装・フロー半田付け",
        p["P12"], m["FR-4", "Sn99.3Cu0.7"], APP_PCBA, hs["853400"],
        PCS, (500, 2_000), (10_000, 100_000), None),
    tpl!(
        "EL2",
        "Bo mạch nguồn {a}",
        "{a} power supply board",
        "{a}電源基板",
        p["P12"],
        m["FR-4"],
        &[same("12 V"), same("24 V"), same("48 V")],
        hs["853400"],
        PCS,
        (500, 2_000),
        (10_000, 100_000),
        None
    ),
    tpl!(
        "EL2",
        "Bo mạch IoT Wi-Fi cho {a}",
        "Wi-Fi IoT board for {a}",
        "{a}用Wi-Fi IoT基板",
        p["P12"],
        m["FR-4"],
        APP_PCBA,
        hs["853400"],
        PCS,
        (500, 2_000),
        (5_000, 50_000),
        None
    ),
];

const EL_CABLE: &[Tpl] = &[
    tpl!("EL4", "Bó dây điện (wire harness) cho {a}", "Wire harness for {a}", "{a}用ワイヤーハーネス",
        p["P13"], m["PVC", "Cu"], APP_HARNESS, hs["854442", "85444294"],
        PCS, (500, 2_000), (20_000, 300_000), None),
    tpl!("EL4", "Dây nguồn {a} có phích cắm", "{a} power cord with plug", "{a}電源コード（プラグ付き）",
        p["P13"], m["PVC", "Cu"], &[tri("2 lõi", "2-core", "2芯"), tri("3 lõi", "3-core", "3芯")], hs["854442"],
        PCS, (1_000, 5_000), (50_000, 500_000), None),
    tpl!("EL4", "Cáp tín hiệu chống nhiễu cho {a}", "Shielded signal cable for {a}", "{a}用シールド信号ケーブル",
        p[], m["PVC", "Cu"], APP_HARNESS, hs["854449"],
        M, (1_000, 5_000), (100_000, 2_000_000), None),
    tpl!("EL4", "Dây đồng tráng men {a}", "Enamelled copper winding wire {a}", "エナメル銅線 {a}",
        p[], m["Cu"], &[same("Ø0,2 mm"), same("Ø0,5 mm"), same("Ø1,0 mm")], hs["854411"],
        KG, (100, 500), (10_000, 100_000), None),
    tpl!("EL4", "Cáp đồng trục {a}", "{a} coaxial cable", "{a}同軸ケーブル",
        p[], m["PE", "Cu"], &[same("RG6"), same("RG59"), same("5C-FB")], hs["854420"],
        M, (1_000, 5_000), (100_000, 1_000_000), None),
    tpl!("EL4", "Dây cáp điện hạ thế {a}", "{a} low-voltage power cable", "{a}低圧電力ケーブル",
        p[], m["XLPE", "PVC", "Cu"], &[same("CV 3x2,5 mm²"), same("CVV 4x4 mm²"), same("CXV 3x16 mm²")], hs["854449"],
        M, (500, 2_000), (50_000, 500_000), None),
    tpl!("EL4", "Cụm dây kết nối (cable assembly) cho {a}", "Cable assembly for {a}", "{a}用ケーブルアセンブリ",
        p["P13"], m["PVC", "Cu", "PA66"], APP_HARNESS, hs["854442"],
        PCS, (500, 2_000), (20_000, 200_000), None),
];

const EL_COMPONENTS: &[Tpl] = &[
    tpl!("EL1", "Tụ điện {a}", "{a} capacitor", "{a}コンデンサ",
        p[], m["BaTiO3", "Al"], &[tri("gốm nhiều lớp MLCC", "MLCC ceramic", "積層セラミック"), tri("điện phân nhôm", "Aluminium electrolytic", "アルミ電解"), tri("màng film", "Film", "フィルム")], hs["8532"],
        PCS, (10_000, 50_000), (1_000_000, 10_000_000), None),
    tpl!("EL1", "Đèn LED SMD {a}", "SMD LED {a}", "SMD LED {a}",
        p[], m["InGaN"], &[same("2835"), same("5050"), same("3030")], hs["854141"],
        PCS, (10_000, 50_000), (1_000_000, 20_000_000), None),
    tpl!("EL1", "Điốt chỉnh lưu {a}", "{a} rectifier diode", "{a}整流ダイオード",
        p[], m["Si"], &[same("1N4007"), same("SS34"), same("MB10F")], hs["854110"],
        PCS, (10_000, 50_000), (1_000_000, 10_000_000), None),
    tpl!(
        "EL1",
        "Mô-đun LED cho {a}",
        "LED module for {a}",
        "{a}用LEDモジュール",
        p["P12"],
        m["Al-core MCPCB"],
        APP_LED,
        hs["8541"],
        PCS,
        (500, 2_000),
        (20_000, 200_000),
        None
    ),
    tpl!("EL1", "Vi mạch điều khiển {a}", "{a} IC", "{a} IC",
        p[], m["Si"], &[tri("LED driver", "LED driver", "LEDドライバ"), tri("điều khiển động cơ", "Motor driver", "モータードライバ"), tri("quản lý pin BMS", "BMS", "BMS")], hs["854239"],
        PCS, (5_000, 20_000), (200_000, 2_000_000), None),
    tpl!(
        "EL1",
        "Đóng gói và dán băng linh kiện SMD {a}",
        "Taping and reeling of SMD components {a}",
        "SMD部品のテーピング {a}",
        p["P12"],
        m["PS"],
        &[same("8 mm"), same("12 mm"), same("16 mm")],
        hs["8541"],
        PCS,
        (10_000, 50_000),
        (1_000_000, 10_000_000),
        None
    ),
];

const EL_BATTERY: &[Tpl] = &[
    tpl!("EL3", "Bộ pin lithium-ion {a}", "{a} lithium-ion battery pack", "{a}リチウムイオン電池パック",
        p["P10", "P12"], m["NMC 18650", "LiFePO4"], &[tri("36 V cho xe đạp điện", "36 V e-bike", "36V電動自転車用"), tri("48 V cho xe máy điện", "48 V e-scooter", "48V電動スクーター用"), tri("7,4 V cho thiết bị cầm tay", "7.4 V handheld", "7.4Vハンディ機器用")], hs["850760"],
        PCS, (100, 500), (2_000, 20_000), None),
    tpl!("EL3", "Ắc quy axit chì {a}", "{a} lead-acid battery", "{a}鉛蓄電池",
        p[], m["Pb", "PP"], &[same("12 V 7 Ah"), same("12 V 100 Ah"), same("6 V 4,5 Ah")], hs["850720"],
        PCS, (100, 500), (5_000, 50_000), None),
    tpl!("EL3", "Bộ pin lưu trữ năng lượng {a}", "{a} energy-storage battery", "{a}蓄電池システム",
        p["P10", "P12"], m["LiFePO4"], &[same("5 kWh"), same("10 kWh"), same("15 kWh")], hs["850760"],
        PCS, (10, 50), (200, 2_000), None),
    tpl!(
        "EL3",
        "Mạch bảo vệ pin BMS {a}",
        "{a} battery BMS board",
        "{a}電池保護回路（BMS）",
        p["P12"],
        m["FR-4"],
        &[same("4S"), same("10S"), same("13S")],
        hs["850790"],
        PCS,
        (500, 2_000),
        (10_000, 100_000),
        None
    ),
    tpl!("EL3", "Pin sạc Ni-MH {a}", "{a} Ni-MH rechargeable battery", "{a}ニッケル水素電池",
        p[], m["NiMH"], &[same("AA 2000 mAh"), same("AAA 800 mAh")], hs["850750"],
        PCS, (1_000, 5_000), (50_000, 300_000), None),
    tpl!(
        "EL3",
        "Hàn cell pin theo yêu cầu {a}",
        "Battery cell spot welding to order {a}",
        "電池セルのスポット溶接（受託） {a}",
        p["P10"],
        m["Ni strip"],
        &[same("18650"), same("21700"), same("LFP prismatic")],
        hs["850790"],
        PCS,
        (500, 2_000),
        (20_000, 200_000),
        None
    ),
];

const EL_AUDIO: &[Tpl] = &[
    tpl!("EL6", "Loa {a}", "{a} loudspeaker", "{a}スピーカー",
        p[], m["NdFeB", "PP"], &[tri("mini 40 mm", "40 mm micro", "40mmマイクロ"), tri("toàn dải 3 inch", "3-inch full-range", "3インチフルレンジ"), tri("ô tô 6,5 inch", "6.5-inch car", "6.5インチ車載"), tri("siêu trầm 10 inch", "10-inch subwoofer", "10インチサブウーファー")], hs["851829"],
        PCS, (500, 2_000), (20_000, 200_000), None),
    tpl!("EL6", "Tai nghe {a}", "{a} headphones", "{a}ヘッドホン",
        p[], m["ABS", "NdFeB"], &[tri("có dây", "Wired", "有線"), tri("Bluetooth", "Bluetooth", "Bluetooth"), tri("chụp tai", "Over-ear", "オーバーイヤー")], hs["851830"],
        PCS, (500, 2_000), (20_000, 200_000), None),
    tpl!("EL6", "Mô-đun màn hình LCD {a}", "{a} LCD display module", "{a}液晶ディスプレイモジュール",
        p["P12"], m["TFT glass", "FPC"], &[tri("1,8 inch", "1.8-inch", "1.8インチ"), tri("3,5 inch", "3.5-inch", "3.5インチ"), tri("7 inch", "7-inch", "7インチ")], hs["8524"],
        PCS, (500, 2_000), (10_000, 100_000), None),
    tpl!("EL6", "Mô-đun màn hình OLED {a}", "{a} OLED display module", "{a}有機ELディスプレイモジュール",
        p["P12"], m["OLED", "FPC"], &[tri("0,96 inch", "0.96-inch", "0.96インチ"), tri("1,3 inch", "1.3-inch", "1.3インチ")], hs["8524"],
        PCS, (1_000, 5_000), (20_000, 200_000), None),
    tpl!("EL6", "Micro điện dung cho {a}", "Electret microphone for {a}", "{a}用エレクトレットマイク",
        p[], m["FEP"], APP_DEVICES, hs["851810"],
        PCS, (5_000, 20_000), (200_000, 2_000_000), None),
    tpl!("EL6", "Loa báo động, còi chip {a}", "{a} piezo buzzer", "{a}圧電ブザー",
        p["P02"], m["PZT", "ABS"], &[same("12 mm"), same("23 mm"), same("42 mm")], hs["851829"],
        PCS, (5_000, 20_000), (200_000, 2_000_000), None),
];

// ---------------------------------------------------------------------------------
// Automobile (AU)
// ---------------------------------------------------------------------------------

const AU_ENGINE: &[Tpl] = &[
    tpl!("AU1", "Giá đỡ động cơ nhôm đúc áp lực {m}", "{m} die-cast aluminium engine bracket", "{m}アルミダイカストエンジンブラケット",
        p["P03", "P01"], m["ADC12", "A380"], NO_APPS, hs["840991", "84099119"],
        PCS, (500, 2_000), (5_000, 50_000), Some((20, 50))),
    tpl!("AU1", "Piston cho {a}", "Piston for {a}", "{a}ピストン",
        p["P06", "P01", "P09"], m["AC8A", "A4032"], &[tri("xe máy 110 cc", "110 cc motorcycles", "110cc二輪車用"), tri("động cơ máy nông nghiệp", "agricultural engines", "農業機械用"), tri("máy phát điện", "generators", "発電機用")], hs["840991"],
        PCS, (500, 2_000), (10_000, 80_000), Some((5, 15))),
    tpl!("AU1", "Gioăng nắp máy {m}", "{m} cylinder head gasket", "{m}シリンダーヘッドガスケット",
        p["P04"], m["SUS301", "NBR-coated steel"], NO_APPS, hs["840999"],
        PCS, (1_000, 5_000), (20_000, 200_000), Some((20, 50))),
    tpl!("AU1", "Trục cam {m}", "{m} camshaft", "{m}カムシャフト",
        p["P06", "P01", "P09", "P11"], m["SCM440", "FCD700"], NO_APPS, hs["848310"],
        PCS, (200, 1_000), (2_000, 20_000), Some((5, 10))),
    tpl!("AU1", "Bánh răng hộp số {m} cho {a}", "{m} transmission gear for {a}", "{a}{m}トランスミッションギヤ",
        p["P06", "P01", "P09"], m["SCM415", "SCM420"], APP_VEHICLE, hs["848340"],
        PCS, (500, 2_000), (5_000, 50_000), Some((10, 20))),
    tpl!("AU1", "Ống lót xi lanh {m}", "{m} cylinder liner", "{m}シリンダーライナー",
        p["P06", "P01", "P11"], m["FC250"], NO_APPS, hs["840999"],
        PCS, (500, 2_000), (5_000, 50_000), Some((5, 10))),
    tpl!("AU1", "Puly trục khuỷu {m}", "{m} crankshaft pulley", "{m}クランクプーリー",
        p["P06", "P01"], m["FC250", "S45C"], NO_APPS, hs["848350"],
        PCS, (500, 2_000), (5_000, 40_000), Some((20, 40))),
    tpl!("AU1", "Vỏ bơm nước {m} đúc áp lực cho {a}", "Die-cast {m} water pump housing for {a}", "{a}{m}ダイカストウォーターポンプハウジング",
        p["P03", "P01"], m["ADC12"], APP_VEHICLE, hs["840999"],
        PCS, (500, 2_000), (5_000, 50_000), Some((20, 50))),
];

const AU_CHASSIS: &[Tpl] = &[
    tpl!("AU2", "Má phanh {a}", "{a} brake pads", "{a}ブレーキパッド",
        p["P04"], m["NAO", "semi-metallic"], APP_VEHICLE, hs["870830"],
        SETS, (500, 2_000), (10_000, 100_000), None),
    tpl!("AU2", "Càng phanh nhôm đúc áp lực {m} cho {a}", "{m} die-cast aluminium brake caliper for {a}", "{a}{m}アルミダイカストブレーキキャリパー",
        p["P03", "P01"], m["ADC12", "A356"], APP_VEHICLE, hs["870830"],
        PCS, (200, 1_000), (2_000, 20_000), Some((10, 30))),
    tpl!("AU2", "Giảm xóc cho {a}", "Shock absorber for {a}", "{a}ショックアブソーバー",
        p["P01", "P10"], m["STKM13A", "S45C"], APP_VEHICLE, hs["870880"],
        PCS, (200, 1_000), (5_000, 30_000), Some((10, 30))),
    tpl!("AU2", "Rô-tuyn lái {m} cho {a}", "{m} steering tie-rod end for {a}", "{a}{m}タイロッドエンド",
        p["P06", "P01", "P09"], m["S45C", "SCM440"], APP_VEHICLE, hs["870894"],
        PCS, (200, 1_000), (5_000, 40_000), Some((10, 20))),
    tpl!("AU2", "Trục láp {m} cho {a}", "{m} drive shaft for {a}", "{a}{m}ドライブシャフト",
        p["P06", "P01", "P09"], m["S45C", "SCM440"], APP_VEHICLE, hs["870850"],
        PCS, (200, 1_000), (2_000, 20_000), Some((10, 20))),
    tpl!("AU2", "Tay đòn treo dập hàn {m} cho {a}", "Stamped and welded {m} suspension arm for {a}", "{a}{m}プレス溶接サスペンションアーム",
        p["P04", "P10"], m["SAPH440", "SPHC"], APP_VEHICLE, hs["870880"],
        PCS, (500, 2_000), (5_000, 40_000), Some((50, 100))),
    tpl!("AU2", "Đĩa phanh gang {m} cho {a}", "{m} cast-iron brake disc for {a}", "{a}{m}鋳鉄ブレーキディスク",
        p["P06", "P01"], m["FC250"], APP_VEHICLE, hs["870830"],
        PCS, (200, 1_000), (5_000, 30_000), Some((20, 50))),
];

const AU_BODY: &[Tpl] = &[
    tpl!("AU3", "Chi tiết dập thân vỏ {m} cho {a}", "Stamped {m} body panel for {a}", "{a}{m}ボディプレス部品",
        p["P04"], m["SPCC", "JSC270C", "SAPH440"], APP_VEHICLE, hs["870829"],
        PCS, (500, 2_000), (10_000, 100_000), Some((50, 100))),
    tpl!("AU3", "Giá đỡ dập hàn {m} cho khung {a}", "Stamped and welded {m} chassis bracket for {a}", "{a}{m}プレス溶接ブラケット",
        p["P04", "P10"], m["SPHC", "SAPH440"], APP_VEHICLE, hs["870829"],
        PCS, (1_000, 5_000), (20_000, 200_000), Some((50, 100))),
    tpl!("AU3", "Ba-đờ-sốc nhựa ép phun {m} cho {a}", "Injection-moulded {m} bumper for {a}", "{a}{m}射出成形バンパー",
        p["P02", "P08"], m["PP-EPDM-T20", "PP"], APP_VEHICLE, hs["870810"],
        PCS, (200, 1_000), (2_000, 20_000), None),
    tpl!("AU3", "Ốp cửa nhựa {m} ép phun cho {a}", "Injection-moulded {m} door trim for {a}", "{a}{m}射出成形ドアトリム",
        p["P02"], m["PP-T20", "ABS"], APP_VEHICLE, hs["870829"],
        PCS, (500, 2_000), (5_000, 50_000), Some((50, 100))),
    tpl!("AU3", "Cụm hàn robot thân xe cho {a}", "Robot-welded body assembly for {a}", "{a}ロボット溶接ボディアッセンブリ",
        p["P10", "P04"], m["SPCC", "SPHC"], APP_VEHICLE, hs["870790"],
        SETS, (50, 200), (500, 5_000), None),
    tpl!("AU3", "Khuôn dập chi tiết thân vỏ cho {a}", "Body-panel stamping die for {a}", "{a}ボディ部品用プレス金型",
        p["P07"], m["FCD550", "SKD11"], APP_VEHICLE, hs[],
        SETS, (1, 1), (1, 6), Some((10, 20))),
    tpl!("AU3", "Chi tiết cắt laser, chấn gấp {m} cho thùng xe tải", "Laser-cut and bent {m} truck-body part", "{m}トラック荷台用レーザー切断・曲げ部品",
        p["P05", "P10"], m["SS400", "SPHC"], NO_APPS, hs["870790"],
        PCS, (100, 500), (5_000, 30_000), None),
];

const AU_HARNESS: &[Tpl] = &[
    tpl!("AU4", "Bó dây điện ô tô {a}", "{a} automotive wiring harness", "{a}自動車用ワイヤーハーネス",
        p["P13"], m["AVSS", "CAVS", "PVC"], &[tri("khoang động cơ", "Engine-room", "エンジンルーム"), tri("bảng táp-lô", "Instrument-panel", "インパネ"), tri("cửa xe", "Door", "ドア"), tri("thân xe", "Body", "ボディ")], hs["854430", "85443012"],
        PCS, (500, 2_000), (10_000, 100_000), None),
    tpl!("AU4", "Bó dây điện cho {a}", "Wiring harness for {a}", "{a}用ワイヤーハーネス",
        p["P13"], m["AVSS", "PVC"], &[tri("xe máy 110 cc", "110 cc motorcycles", "110cc二輪車"), tri("xe máy 125 cc", "125 cc motorcycles", "125cc二輪車"), tri("xe máy điện", "e-scooters", "電動スクーター")], hs["854430"],
        PCS, (1_000, 5_000), (20_000, 200_000), None),
    tpl!("AU4", "Cụm đèn hậu cho {a}", "Rear combination lamp for {a}", "{a}リアコンビネーションランプ",
        p["P02", "P12"], m["PC", "PMMA", "ABS"], APP_VEHICLE, hs["851220"],
        SETS, (200, 1_000), (2_000, 20_000), Some((30, 50))),
    tpl!(
        "AU4",
        "Chóa đèn pha nhựa {m} ép phun cho {a}",
        "Injection-moulded {m} headlamp lens for {a}",
        "{a}{m}射出成形ヘッドランプレンズ",
        p["P02"],
        m["PC"],
        APP_VEHICLE,
        hs["851290"],
        PCS,
        (500, 2_000),
        (5_000, 50_000),
        Some((30, 50))
    ),
    tpl!("AU4", "Đèn LED chiếu sáng cho {a}", "LED lamp for {a}", "{a}LEDランプ",
        p["P12"], m["Al-core MCPCB", "PC"], APP_VEHICLE, hs["851220"],
        PCS, (500, 2_000), (5_000, 50_000), None),
    tpl!("AU4", "Còi điện {a}", "{a} electric horn", "{a}電気ホーン",
        p[], m["SPCC", "Cu"], &[same("12 V"), same("24 V")], hs["851230"],
        PCS, (500, 2_000), (10_000, 80_000), None),
    tpl!("AU4", "Giắc nối dây điện ô tô {m}", "{m} automotive wire connector", "{m}自動車用コネクタ",
        p["P02"], m["PBT-GF30", "PA66"], NO_APPS, hs[],
        PCS, (5_000, 20_000), (200_000, 2_000_000), Some((20, 40))),
];

const AU_INTERIOR: &[Tpl] = &[
    tpl!("AU5", "Khung ghế {m} hàn robot cho {a}", "Robot-welded {m} seat frame for {a}", "{a}{m}ロボット溶接シートフレーム",
        p["P05", "P10"], m["SPHC", "STKM11A"], APP_VEHICLE, hs["940199"],
        PCS, (200, 1_000), (2_000, 20_000), Some((100, 200))),
    tpl!("AU5", "Ghế ngồi cho {a}", "Seat for {a}", "{a}シート",
        p["P05", "P10"], m["STKM11A", "PU foam", "PVC leather"], APP_VEHICLE, hs["940120"],
        SETS, (50, 200), (1_000, 10_000), None),
    tpl!("AU5", "Kính an toàn nhiều lớp cho {a}", "Laminated safety glass for {a}", "{a}合わせガラス",
        p[], m["PVB", "float glass"], APP_VEHICLE, hs["700721"],
        PCS, (200, 1_000), (2_000, 20_000), None),
    tpl!("AU5", "Lốp {a}", "{a} tyre", "{a}タイヤ",
        p["P14"], m["NR", "SBR"], &[tri("xe tải nhẹ 7.00R16", "7.00R16 light-truck", "小型トラック用7.00R16"), tri("ô tô du lịch 185/65R15", "185/65R15 passenger-car", "乗用車用185/65R15")], hs["401110", "401120"],
        PCS, (200, 1_000), (5_000, 50_000), None),
    tpl!("AU5", "Tấm ốp nội thất nhựa {m} ép phun cho {a}", "Injection-moulded {m} interior trim for {a}", "{a}{m}射出成形内装トリム",
        p["P02"], m["PP-T20", "ABS"], APP_VEHICLE, hs[],
        PCS, (500, 2_000), (5_000, 50_000), Some((50, 100))),
    tpl!("AU5", "Vỏ bọc ghế {m} cho {a}", "{m} seat cover for {a}", "{a}{m}シートカバー",
        p[], m["PVC leather", "polyester fabric"], APP_VEHICLE, hs["940199"],
        SETS, (100, 500), (2_000, 20_000), None),
];

const AU_MOTO: &[Tpl] = &[
    tpl!("AU6", "Nhông xích xe máy {m}", "{m} motorcycle sprocket", "{m}二輪車用スプロケット",
        p["P04", "P09"], m["S45C", "SCM415"], NO_APPS, hs["871410", "87141090"],
        PCS, (1_000, 5_000), (20_000, 200_000), Some((20, 50))),
    tpl!("AU6", "Vành xe máy {a}", "{a} motorcycle rim", "{a}二輪車用リム",
        p["P10", "P08"], m["A6061", "SPHC"], &[tri("nhôm 17 inch", "17-inch aluminium", "17インチアルミ"), tri("thép 17 inch", "17-inch steel", "17インチスチール"), tri("nhôm 14 inch", "14-inch aluminium", "14インチアルミ")], hs["871410"],
        PCS, (500, 2_000), (10_000, 80_000), None),
    tpl!("AU6", "Ốp nhựa xe máy ép phun {m}", "Injection-moulded {m} motorcycle body cover", "{m}射出成形二輪車カバー",
        p["P02", "P08"], m["PP", "ABS"], NO_APPS, hs["871410"],
        PCS, (1_000, 5_000), (20_000, 200_000), Some((30, 50))),
    tpl!("AU6", "Nắp máy xe máy đúc áp lực nhôm {m}", "{m} die-cast aluminium motorcycle engine cover", "{m}二輪車用アルミダイカストエンジンカバー",
        p["P03", "P01"], m["ADC12"], NO_APPS, hs["871410"],
        PCS, (1_000, 5_000), (10_000, 100_000), Some((30, 60))),
    tpl!("AU6", "Tay phanh nhôm rèn {m}", "Forged {m} aluminium brake lever", "{m}アルミ鍛造ブレーキレバー",
        p["P06", "P01", "P08"], m["A6061", "A2017"], NO_APPS, hs["871410"],
        PCS, (1_000, 5_000), (20_000, 150_000), Some((20, 50))),
    tpl!("AU6", "Giá để chân xe máy dập {m}", "Stamped {m} motorcycle footrest bracket", "{m}二輪車用プレスステップブラケット",
        p["P04", "P10", "P08"], m["SPHC", "SAPH370"], NO_APPS, hs["871410"],
        PCS, (1_000, 5_000), (20_000, 200_000), Some((50, 100))),
    tpl!("AU6", "Trục bánh xe máy {m} gia công CNC", "CNC-machined {m} motorcycle axle", "{m}二輪車用アクスルシャフト",
        p["P01", "P09"], m["S45C", "SCM440"], NO_APPS, hs["871410"],
        PCS, (1_000, 5_000), (20_000, 150_000), Some((10, 20))),
    tpl!("AU6", "Khung xe máy hàn {m}", "Welded {m} motorcycle frame", "{m}二輪車用溶接フレーム",
        p["P10", "P04"], m["STKM11A", "SPHC"], NO_APPS, hs["871410"],
        PCS, (200, 1_000), (2_000, 20_000), None),
    tpl!("AU6", "Ống xả xe máy inox {m}", "{m} stainless motorcycle exhaust", "{m}ステンレス二輪車用マフラー",
        p["P10", "P04"], m["SUS304", "SUS409L"], NO_APPS, hs["871410"],
        PCS, (500, 2_000), (5_000, 50_000), None),
];

// ---------------------------------------------------------------------------------
// Textile and garment (TG)
// ---------------------------------------------------------------------------------

const TG_YARN: &[Tpl] = &[
    tpl!("TG1", "Sợi cotton chải kỹ {a}", "Combed cotton yarn {a}", "",
        p[], m["cotton"], &[same("Ne 20/1"), same("Ne 30/1"), same("Ne 40/1")], hs["520512", "520522"],
        KG, (500, 1_000), (50_000, 300_000), None),
    tpl!(
        "TG1",
        "Sợi cotton nhuộm màu {a}",
        "Dyed cotton yarn {a}",
        "",
        p["P15"],
        m["cotton"],
        &[same("Ne 20/1"), same("Ne 30/1")],
        hs["520523"],
        KG,
        (300, 1_000),
        (20_000, 150_000),
        None
    ),
    tpl!("TG1", "Sợi tơ tằm {a}", "Silk yarn {a}", "",
        p[], m["silk"], &[same("20/22D"), same("40/44D")], hs["500400"],
        KG, (20, 100), (500, 5_000), None),
    tpl!("TG2", "Sợi polyester DTY {a}", "Polyester DTY yarn {a}", "",
        p[], m["polyester"], &[same("75D/36F"), same("150D/48F"), same("300D/96F")], hs["540233"],
        KG, (500, 2_000), (50_000, 400_000), None),
    tpl!("TG2", "Sợi spandex {a}", "Spandex yarn {a}", "",
        p[], m["spandex"], &[same("20D"), same("40D"), same("70D")], hs["540244"],
        KG, (200, 1_000), (10_000, 100_000), None),
    tpl!(
        "TG2",
        "Chỉ may polyester {a}",
        "Polyester sewing thread {a}",
        "",
        p["P15"],
        m["polyester"],
        &[same("40/2"), same("20/3"), same("60/3")],
        hs["540110"],
        KG,
        (100, 500),
        (10_000, 100_000),
        None
    ),
    tpl!("TG2", "Sợi polyester tái chế {a}", "Recycled polyester yarn {a}", "",
        p[], m["recycled polyester"], &[same("75D/72F"), same("150D/144F")], hs["540233"],
        KG, (500, 2_000), (30_000, 200_000), None),
];

const TG_FABRIC: &[Tpl] = &[
    tpl!("TG3", "Vải {a} {m} dệt thoi", "{m} {a} woven fabric", "",
        p["P15"], m["cotton 100%", "TC 65/35", "CVC 60/40"], &[ve("kaki", "twill"), ve("popelin", "poplin"), ve("oxford", "oxford"), ve("denim", "denim")], hs["5208", "5209"],
        M, (1_000, 3_000), (100_000, 800_000), None),
    tpl!("TG3", "Vải dệt kim {a} {m}", "{m} {a} knitted fabric", "",
        p["P15"], m["cotton 100%", "CVC 60/40", "polyester 100%"], &[ve("single jersey", "single jersey"), ve("rib", "rib"), ve("interlock", "interlock"), ve("cá sấu (pique)", "pique")], hs["6006"],
        KG, (500, 1_000), (30_000, 300_000), None),
    tpl!("TG3", "Vải không dệt {a}", "{a} nonwoven fabric", "",
        p[], m["PP", "polyester"], &[ve("spunbond PP", "PP spunbond"), ve("dựng mex dính", "fusible interlining")], hs["5603"],
        M, (2_000, 5_000), (200_000, 1_000_000), None),
    tpl!("TG3", "Dệt, nhuộm và hoàn tất vải {m} theo yêu cầu", "Weaving, dyeing and finishing of {m} fabric to order", "",
        p["P15"], m["cotton", "polyester", "TC 65/35"], NO_APPS, hs[],
        M, (3_000, 5_000), (200_000, 1_000_000), None),
    tpl!("TG3", "Vải kỹ thuật chống cháy {m}", "Flame-retardant {m} technical fabric", "",
        p["P15"], m["aramid", "FR cotton"], NO_APPS, hs["591190"],
        M, (500, 1_000), (10_000, 100_000), None),
    tpl!(
        "TG3",
        "Vải dệt thoi polyester {a}",
        "Polyester {a} woven fabric",
        "",
        p["P15"],
        m["polyester"],
        &[ve("taffeta", "taffeta"), ve("oxford 600D", "600D oxford"), ve("microfiber", "microfibre")],
        hs["5407"],
        M,
        (2_000, 5_000),
        (100_000, 800_000),
        None
    ),
    tpl!("TG3", "Vải in hoa {m}", "Printed {m} fabric", "",
        p["P15", "P17"], m["cotton 100%", "rayon"], NO_APPS, hs["5208"],
        M, (1_000, 3_000), (50_000, 300_000), None),
    tpl!(
        "TG3",
        "Vải lưới polyester {a}",
        "Polyester {a} mesh fabric",
        "",
        p["P15"],
        m["polyester"],
        &[ve("dệt kim 3D", "3D spacer"), ve("thoáng khí", "air")],
        hs["6005"],
        M,
        (1_000, 3_000),
        (50_000, 300_000),
        None
    ),
];

const TG_TRIMS: &[Tpl] = &[
    tpl!("TG5", "Khóa kéo {a}", "{a} zipper", "",
        p[], m["nylon", "brass", "POM"], &[ve("nylon số 3", "No. 3 nylon"), ve("nylon số 5", "No. 5 nylon"), ve("răng kim loại số 5", "No. 5 metal"), ve("nhựa răng to số 5", "No. 5 moulded plastic")], hs["960719", "960711"],
        PCS, (1_000, 5_000), (200_000, 2_000_000), None),
    tpl!("TG5", "Cúc nhựa {m} ép phun", "Injection-moulded {m} buttons", "",
        p["P02"], m["polyester", "ABS", "nylon"], NO_APPS, hs["960621"],
        PCS, (10_000, 50_000), (1_000_000, 10_000_000), None),
    tpl!("TG5", "Cúc kim loại dập {m}", "Stamped {m} snap buttons", "",
        p["P04", "P08"], m["brass", "zinc alloy"], NO_APPS, hs["960622"],
        PCS, (10_000, 50_000), (1_000_000, 5_000_000), None),
    tpl!(
        "TG5",
        "Nhãn dệt {a}",
        "{a} woven labels",
        "",
        p["P17"],
        m["polyester"],
        &[ve("damask", "Damask"), ve("satin", "Satin"), ve("taffeta", "Taffeta")],
        hs["580710"],
        PCS,
        (5_000, 20_000),
        (500_000, 5_000_000),
        None
    ),
    tpl!("TG5", "Nhãn in {a}", "Printed {a} labels", "",
        p["P17"], m["polyester satin", "nylon taffeta"], &[ve("hướng dẫn giặt", "care"), ve("kích cỡ", "size"), ve("thành phần", "content")], hs["580790"],
        PCS, (5_000, 20_000), (500_000, 5_000_000), None),
    tpl!("TG5", "Dây chun dệt bản {a}", "{a} woven elastic tape", "",
        p["P15"], m["polyester", "spandex"], &[same("25 mm"), same("40 mm"), same("10 mm")], hs["580620"],
        M, (5_000, 10_000), (500_000, 3_000_000), None),
    tpl!("TG5", "Băng gai dính {a}", "{a} hook-and-loop tape", "",
        p[], m["nylon"], &[same("20 mm"), same("50 mm")], hs["5806"],
        M, (5_000, 10_000), (200_000, 2_000_000), None),
    tpl!("TG5", "Đầu khóa kéo đúc kẽm {m}", "{m} die-cast zipper slider", "",
        p["P03", "P08"], m["zamak 3", "zamak 5"], NO_APPS, hs["960720"],
        PCS, (10_000, 50_000), (500_000, 5_000_000), None),
    tpl!("TG5", "Dây luồn, dây dệt {a}", "{a} braided cord", "",
        p["P15"], m["polyester", "cotton"], &[ve("tròn 4 mm", "4 mm round"), ve("dẹt 10 mm", "10 mm flat")], hs["5808"],
        M, (5_000, 10_000), (200_000, 2_000_000), None),
];

const TG_DYES: &[Tpl] = &[
    tpl!("TG4", "Thuốc nhuộm hoạt tính {a}", "Reactive dye, {a}", "",
        p[], m["reactive dye"], &[ve("màu đỏ", "red"), ve("màu xanh lam", "blue"), ve("màu đen", "black"), ve("màu vàng", "yellow")], hs["320416"],
        KG, (25, 100), (5_000, 50_000), None),
    tpl!("TG4", "Thuốc nhuộm phân tán {a}", "Disperse dye, {a}", "",
        p[], m["disperse dye"], &[ve("màu đỏ", "red"), ve("màu xanh navy", "navy"), ve("màu đen", "black")], hs["320411"],
        KG, (25, 100), (5_000, 50_000), None),
    tpl!("TG4", "Chất làm mềm vải {a}", "{a} fabric softener", "",
        p[], m["silicone emulsion"], &[ve("gốc silicone", "Silicone"), ve("cation", "Cationic")], hs["380991"],
        KG, (100, 500), (10_000, 100_000), None),
    tpl!("TG4", "Chất hồ sợi {a}", "{a} sizing agent", "",
        p[], m["PVA", "starch"], &[ve("gốc PVA", "PVA-based"), ve("gốc tinh bột", "Starch-based")], hs["380991"],
        KG, (100, 500), (10_000, 100_000), None),
    tpl!("TG4", "Chất cầm màu {a}", "{a} dye-fixing agent", "",
        p[], m["polyamine"], &[ve("không formaldehyde", "Formaldehyde-free"), ve("cho vải cotton", "Cotton")], hs["380991"],
        KG, (100, 500), (5_000, 50_000), None),
    tpl!("TG4", "Chất tăng trắng quang học {a}", "{a} optical brightener", "",
        p[], m["stilbene"], &[ve("cho cotton", "Cotton"), ve("cho polyester", "Polyester")], hs["320420"],
        KG, (25, 100), (2_000, 20_000), None),
];

// ---------------------------------------------------------------------------------
// Leather and footwear (LF)
// ---------------------------------------------------------------------------------

const LF_LEATHER: &[Tpl] = &[
    tpl!("LF1", "Da bò thuộc {a}", "{a} finished cowhide", "",
        p["P16"], m["cowhide"], &[ve("da váng (split)", "Split"), ve("mặt cật (full-grain)", "Full-grain"), ve("nubuck", "Nubuck"), ve("da bóng (patent)", "Patent")], hs["410712", "410719"],
        M2, (500, 2_000), (20_000, 150_000), None),
    tpl!("LF1", "Da wet blue {a}", "{a} wet-blue leather", "",
        p["P16"], m["cowhide", "buffalo hide"], &[ve("da bò", "Cow"), ve("da trâu", "Buffalo")], hs["410411"],
        M2, (1_000, 3_000), (30_000, 200_000), None),
    tpl!(
        "LF1",
        "Da thuộc crust {a}",
        "{a} crust leather",
        "",
        p["P16"],
        m["cowhide"],
        &[ve("thuộc crôm", "Chrome-tanned"), ve("thuộc thực vật", "Vegetable-tanned")],
        hs["410791"],
        M2,
        (500, 2_000),
        (20_000, 100_000),
        None
    ),
    tpl!("LF1", "Gia công thuộc da theo yêu cầu", "Contract leather tanning", "",
        p["P16"], m["cowhide"], NO_APPS, hs[],
        M2, (2_000, 5_000), (50_000, 200_000), None),
    tpl!(
        "LF1",
        "Da thuộc cho {a}",
        "Leather for {a}",
        "",
        p["P16"],
        m["cowhide"],
        &[ve("giày thể thao", "sports shoes"), ve("túi xách", "handbags"), ve("ghế sofa", "upholstery")],
        hs["4107"],
        M2,
        (500, 2_000),
        (20_000, 150_000),
        None
    ),
];

const LF_SOLES: &[Tpl] = &[
    tpl!("LF3", "Đế giày EVA ép phun cho {a}", "Injection-moulded EVA outsole for {a}", "",
        p["P16", "P02"], m["EVA"], &[ve("giày thể thao", "sports shoes"), ve("dép", "sandals"), ve("giày trẻ em", "children's shoes")], hs["640620"],
        PCS, (1_000, 3_000), (50_000, 500_000), None),
    tpl!("LF3", "Đế cao su {m} ép cho {a}", "Moulded {m} rubber outsole for {a}", "",
        p["P16", "P14"], m["NR", "SBR"], &[ve("giày thể thao", "sports shoes"), ve("giày bảo hộ", "safety shoes"), ve("giày vải", "canvas shoes")], hs["640620"],
        PCS, (1_000, 3_000), (50_000, 400_000), None),
    tpl!("LF3", "Đế TPR ép phun cho {a}", "Injection-moulded TPR sole for {a}", "",
        p["P16", "P02"], m["TPR"], &[ve("dép", "sandals"), ve("giày trẻ em", "children's shoes")], hs["640620"],
        PCS, (1_000, 3_000), (50_000, 500_000), None),
    tpl!("LF3", "Mũ giày {a} may sẵn", "Stitched {a} shoe upper", "",
        p[], m["cowhide", "polyester mesh", "PU"], &[ve("da", "leather"), ve("vải lưới", "mesh"), ve("giả da PU", "PU")], hs["640610"],
        PCS, (1_000, 3_000), (20_000, 200_000), None),
    tpl!("LF3", "Lót giày PU {a}", "{a} PU insole", "",
        p[], m["PU foam"], &[ve("thể thao", "Sports"), ve("công sở", "Dress-shoe")], hs["640690"],
        PCS, (2_000, 5_000), (100_000, 800_000), None),
    tpl!(
        "LF3",
        "Đế PU đúc cho {a}",
        "Cast PU sole for {a}",
        "",
        p["P16"],
        m["PU"],
        &[ve("giày da", "leather shoes"), ve("giày bảo hộ", "safety shoes")],
        hs["640620"],
        PCS,
        (1_000, 3_000),
        (30_000, 200_000),
        None
    ),
];

const LF_ACCESSORIES: &[Tpl] = &[
    tpl!("LF5", "Ô dê kim loại {m}", "{m} metal eyelets", "",
        p["P04", "P08"], m["brass", "steel", "aluminium"], NO_APPS, hs["830810"],
        PCS, (10_000, 50_000), (1_000_000, 10_000_000), None),
    tpl!("LF5", "Khóa cài {m} cho giày dép", "{m} buckles for footwear", "",
        p["P03", "P08"], m["zamak 3", "brass"], NO_APPS, hs["830890"],
        PCS, (5_000, 20_000), (200_000, 2_000_000), None),
    tpl!("LF5", "Móc, khoen trang trí {m}", "{m} decorative hooks and rings", "",
        p["P04", "P08"], m["steel", "brass"], NO_APPS, hs["830890"],
        PCS, (5_000, 20_000), (500_000, 3_000_000), None),
    tpl!("LF5", "Đinh tán {m} cho giày và túi", "{m} rivets for shoes and bags", "",
        p["P04", "P08"], m["brass", "steel"], NO_APPS, hs["830890"],
        PCS, (10_000, 50_000), (1_000_000, 10_000_000), None),
];

const LF_SYNTHETIC: &[Tpl] = &[
    tpl!("LF2", "Giả da PU cho {a}", "PU synthetic leather for {a}", "",
        p[], m["PU", "polyester knit"], &[ve("giày thể thao", "sports shoes"), ve("túi xách", "handbags"), ve("bọc ghế ô tô", "car seats"), ve("nội thất", "furniture")], hs["590320"],
        M, (500, 2_000), (50_000, 300_000), None),
    tpl!("LF2", "Giả da PVC cho {a}", "PVC leatherette for {a}", "",
        p[], m["PVC", "cotton backing"], &[ve("bọc ghế xe máy", "motorcycle seats"), ve("nội thất", "furniture")], hs["590310"],
        M, (1_000, 3_000), (50_000, 400_000), None),
    tpl!("LF2", "Da vi sợi (microfiber) cho {a}", "Microfibre synthetic leather for {a}", "",
        p[], m["PU", "nylon microfibre"], &[ve("giày thể thao", "sports shoes"), ve("găng tay", "gloves")], hs["590320"],
        M, (500, 2_000), (20_000, 150_000), None),
    tpl!("LF2", "In và ép vân giả da theo mẫu", "Printing and embossing of synthetic leather to sample", "",
        p["P17"], m["PU", "PVC"], NO_APPS, hs[],
        M, (1_000, 3_000), (50_000, 300_000), None),
    tpl!("LF2", "Tấm nhựa PVC vân da {a}", "{a} leather-grain PVC sheet", "",
        p[], m["PVC"], &[same("0,8 mm"), same("1,2 mm")], hs["392190"],
        M2, (1_000, 3_000), (50_000, 300_000), None),
];

const LF_CHEMICALS: &[Tpl] = &[
    tpl!("LF4", "Keo PU dán giày {a}", "{a} PU shoe adhesive", "",
        p[], m["PU"], &[ve("gốc nước", "Water-based"), ve("gốc dung môi", "Solvent-based")], hs["350691"],
        KG, (100, 500), (10_000, 100_000), None),
    tpl!("LF4", "Keo cao su {a}", "{a} rubber cement", "",
        p[], m["CR", "NR"], &[ve("dán đế", "Sole-laying"), ve("dán mũ giày", "Upper")], hs["350691"],
        KG, (100, 500), (10_000, 80_000), None),
    tpl!("LF4", "Chất xử lý bề mặt cho đế {m}", "Primer for {m} soles", "",
        p[], m["EVA", "TPR", "rubber"], NO_APPS, hs["3208"],
        KG, (50, 200), (5_000, 50_000), None),
    tpl!("LF4", "Hóa chất thuộc da {a}", "{a} tanning agent", "",
        p[], m["tannin", "syntan"], &[ve("tannin thực vật", "Vegetable"), ve("tổng hợp (syntan)", "Synthetic")], hs["320290"],
        KG, (100, 500), (10_000, 100_000), None),
    tpl!("LF4", "Sơn phủ hoàn tất da {a}", "{a} leather finishing coat", "",
        p[], m["PU dispersion"], &[ve("bóng", "Gloss"), ve("mờ", "Matt")], hs["320890"],
        KG, (50, 200), (5_000, 50_000), None),
];

// ---------------------------------------------------------------------------------
// High-tech industry support (HT)
// ---------------------------------------------------------------------------------

const HT_MATERIALS: &[Tpl] = &[
    tpl!("HT1", "Hạt nhựa PA66 gia cường {a}", "PA66 compound, {a}", "PA66コンパウンド（{a}）",
        p[], m["PA66"], &[tri("30% sợi thủy tinh", "30% glass fibre", "GF30"), tri("15% sợi thủy tinh", "15% glass fibre", "GF15"), tri("chống cháy V-0", "flame-retardant V-0", "難燃V-0")], hs["390810"],
        KG, (500, 1_000), (20_000, 200_000), None),
    tpl!("HT1", "Hạt nhựa PBT {a}", "PBT compound, {a}", "PBTコンパウンド（{a}）",
        p[], m["PBT"], &[tri("chống cháy V-0", "flame-retardant V-0", "難燃V-0"), tri("30% sợi thủy tinh", "30% glass fibre", "GF30")], hs["390770"],
        KG, (500, 1_000), (20_000, 150_000), None),
    tpl!("HT1", "Hạt nhựa PP compound {a}", "PP compound, {a}", "PPコンパウンド（{a}）",
        p[], m["PP"], &[tri("độn talc 20%", "20% talc-filled", "タルク20%"), tri("chống va đập", "impact-modified", "耐衝撃")], hs["390210"],
        KG, (1_000, 2_000), (50_000, 400_000), None),
    tpl!("HT1", "Hạt nhựa POM {a}", "POM resin, {a}", "POM樹脂（{a}）",
        p[], m["POM"], &[tri("tiêu chuẩn", "standard grade", "標準グレード"), tri("chịu mài mòn", "low-wear grade", "耐摩耗グレード")], hs["390710"],
        KG, (500, 1_000), (20_000, 150_000), None),
    tpl!("HT1", "Thép dụng cụ {m} dạng thanh", "{m} tool-steel bar", "{m}工具鋼丸棒",
        p["P09"], m["SKD11", "SKD61", "SKH51"], NO_APPS, hs["722830"],
        KG, (100, 500), (10_000, 100_000), None),
    tpl!("HT1", "Tấm nhôm hợp kim {m}", "{m} aluminium alloy plate", "{m}アルミ合金板",
        p[], m["A5052", "A6061", "A7075"], NO_APPS, hs["760612"],
        KG, (100, 500), (10_000, 100_000), None),
    tpl!("HT1", "Thanh nhôm định hình {m} cho {a}", "{m} aluminium extrusion for {a}", "{a}用{m}アルミ押出形材",
        p[], m["A6063", "A6005"], APP_MACHINE, hs["760421"],
        KG, (500, 1_000), (20_000, 200_000), None),
    tpl!("HT1", "Vật liệu composite sợi carbon dạng {a}", "Carbon-fibre composite {a}", "炭素繊維複合材（{a}）",
        p[], m["CFRP"], &[tri("tấm", "sheet", "板"), tri("ống", "tube", "パイプ")], hs["392690"],
        KG, (10, 50), (500, 5_000), None),
];

const HT_MICRO: &[Tpl] = &[
    tpl!("HT2", "Đóng gói vi mạch {a}", "{a} IC packaging", "{a} ICパッケージング",
        p[], m["Si", "EMC"], &[same("QFN"), same("SOP"), same("BGA")], hs["854239"],
        PCS, (10_000, 50_000), (1_000_000, 10_000_000), None),
    tpl!("HT2", "Vi mạch {a}", "{a} IC", "{a} IC",
        p[], m["Si"], &[tri("quản lý nguồn", "Power-management", "電源管理"), tri("giao tiếp cảm biến", "Sensor-interface", "センサーインターフェース"), tri("điều khiển LED", "LED-driver", "LEDドライバ")], hs["854239"],
        PCS, (5_000, 20_000), (500_000, 5_000_000), None),
    tpl!("HT2", "Mô-đun RF {a}", "{a} RF module", "{a} RFモジュール",
        p["P12"], m["FR-4", "Si"], &[same("Wi-Fi"), same("Bluetooth LE"), same("LoRa")], hs["854239"],
        PCS, (1_000, 5_000), (50_000, 500_000), None),
    tpl!("HT2", "Kiểm thử và nạp chương trình vi mạch {a}", "{a} IC testing and programming", "{a} ICテスト・書き込み",
        p[], m["Si"], &[same("MCU"), same("EEPROM"), same("Flash")], hs[],
        PCS, (5_000, 20_000), (500_000, 5_000_000), None),
    tpl!("HT2", "Thiết kế vi mạch ASIC theo yêu cầu {a}", "Custom ASIC design {a}", "カスタムASIC設計 {a}",
        p[], m["Si"], &[tri("cho thiết bị IoT", "for IoT devices", "IoT機器向け"), tri("cho công tơ điện", "for smart meters", "スマートメーター向け"), tri("cho ô tô", "for automotive", "車載向け")], hs["854231"],
        PCS, (10_000, 50_000), (100_000, 1_000_000), None),
    tpl!("HT2", "Chip cảm biến MEMS {a}", "MEMS {a} sensor chip", "MEMS{a}センサーチップ",
        p[], m["Si"], &[tri("áp suất", "pressure", "圧力"), tri("gia tốc", "acceleration", "加速度")], hs["854239"],
        PCS, (10_000, 50_000), (500_000, 5_000_000), None),
];

const HT_MEDICAL: &[Tpl] = &[
    tpl!("HT3", "Chi tiết nhựa y tế {m} ép phun cho {a}", "Injection-moulded medical-grade {m} part for {a}", "{a}用医療グレード{m}射出成形部品",
        p["P02"], m["PP", "PC", "PE"], &[tri("máy đo đường huyết", "glucose meters", "血糖測定器"), tri("bộ dây truyền dịch", "infusion sets", "輸液セット"), tri("máy khí dung", "nebulisers", "ネブライザー")], hs["901890"],
        PCS, (5_000, 20_000), (100_000, 1_000_000), Some((10, 30))),
    tpl!(
        "HT3",
        "Bơm tiêm nhựa {a}",
        "Plastic syringe {a}",
        "{a}プラスチックシリンジ",
        p["P02"],
        m["PP"],
        &[same("1 ml"), same("5 ml"), same("10 ml")],
        hs["901831"],
        PCS,
        (10_000, 50_000),
        (1_000_000, 10_000_000),
        Some((20, 50))
    ),
    tpl!(
        "HT3",
        "Kim tiêm inox {a}",
        "Stainless hypodermic needle {a}",
        "{a}ステンレス注射針",
        p["P11"],
        m["SUS304"],
        &[same("23G"), same("25G"), same("27G")],
        hs["901832"],
        PCS,
        (10_000, 50_000),
        (1_000_000, 10_000_000),
        Some((5, 10))
    ),
    tpl!("HT3", "Dụng cụ phẫu thuật inox {m}", "{m} stainless surgical instrument", "{m}外科用器具",
        p["P01", "P11", "P08"], m["SUS420J2", "SUS304"], NO_APPS, hs["901890"],
        PCS, (100, 500), (2_000, 20_000), Some((10, 20))),
    tpl!("HT3", "Chi tiết cơ khí chính xác {m} cho {a}", "Precision {m} component for {a}", "{a}用{m}精密部品",
        p["P01", "P11"], m["SUS316L", "Ti-6Al-4V", "PEEK"], &[tri("thiết bị nội soi", "endoscopes", "内視鏡"), tri("máy xét nghiệm", "laboratory analysers", "検体分析装置"), tri("dụng cụ nha khoa", "dental instruments", "歯科器具")], hs["901890"],
        PCS, (100, 500), (2_000, 20_000), Some((5, 10))),
    tpl!("HT3", "Ống thông, dây truyền dịch {m}", "{m} catheter and IV tubing", "{m}カテーテル・輸液チューブ",
        p[], m["PVC", "TPU"], NO_APPS, hs["901839"],
        PCS, (10_000, 50_000), (500_000, 5_000_000), None),
    tpl!("HT3", "Vỏ thiết bị y tế nhựa {m} ép phun", "Injection-moulded {m} medical device housing", "医療機器用{m}射出成形ハウジング",
        p["P02"], m["PC/ABS", "PC"], NO_APPS, hs["901890"],
        PCS, (1_000, 5_000), (20_000, 200_000), Some((20, 50))),
];

const HT_OPTICAL: &[Tpl] = &[
    tpl!("HT3", "Giá đỡ thấu kính {m} gia công CNC cho {a}", "CNC-machined {m} lens holder for {a}", "{a}用{m}切削レンズホルダー",
        p["P01", "P08"], m["A6061", "C3604", "SUS303"], &[tri("camera công nghiệp", "machine-vision cameras", "産業用カメラ"), tri("máy chiếu", "projectors", "プロジェクター"), tri("thiết bị đo quang học", "optical instruments", "光学測定器")], hs["903190"],
        PCS, (100, 500), (2_000, 20_000), Some((5, 10))),
    tpl!("HT3", "Thấu kính quang học {m}", "{m} optical lens", "{m}光学レンズ",
        p["P11"], m["BK7", "fused silica", "PMMA"], NO_APPS, hs["900190"],
        PCS, (100, 1_000), (5_000, 50_000), Some((2, 5))),
    tpl!("HT3", "Cảm biến quang {a}", "{a} optical sensor", "{a}光学センサー",
        p["P12"], m["FR-4", "PC"], &[tri("tiệm cận", "Proximity", "近接"), tri("sợi quang", "Fibre-optic", "光ファイバー")], hs["903149"],
        PCS, (500, 2_000), (10_000, 100_000), None),
    tpl!("HT3", "Sợi quang {a}", "{a} optical fibre", "{a}光ファイバー",
        p[], m["silica"], &[tri("đơn mode", "Single-mode", "シングルモード"), tri("đa mode", "Multi-mode", "マルチモード")], hs["900110"],
        M, (1_000, 5_000), (100_000, 1_000_000), None),
    tpl!("HT3", "Chi tiết thiết bị đo {m} mài chính xác", "Precision-ground {m} gauge component", "{m}研削測定器部品",
        p["P01", "P11"], m["SKS3", "SUJ2", "ceramic"], NO_APPS, hs["903190"],
        PCS, (50, 200), (1_000, 10_000), Some((2, 5))),
    tpl!("HT3", "Kính lọc quang học {a}", "{a} optical filter", "{a}光学フィルター",
        p["P11"], m["BK7", "B270"], &[same("IR-cut"), same("UV"), same("ND")], hs["900190"],
        PCS, (500, 2_000), (10_000, 100_000), Some((10, 20))),
];

const HT_SERVICES: &[Tpl] = &[
    tpl!("HT4", "Dịch vụ hiệu chuẩn {a}", "Calibration of {a}", "{a}の校正サービス",
        p[], m[], &[tri("thiết bị đo kích thước", "dimensional gauges", "寸法測定器"), tri("đồng hồ áp suất", "pressure gauges", "圧力計"), tri("thiết bị đo nhiệt độ", "temperature instruments", "温度計測器"), tri("cân điện tử", "electronic balances", "電子天秤")], hs[],
        NO_UNIT, (0, 0), (0, 0), None),
    tpl!("HT4", "Đo kiểm 3D bằng máy CMM {a}", "3D CMM inspection {a}", "三次元測定（CMM） {a}",
        p[], m[], &[tri("theo bản vẽ", "to drawing", "図面対応"), tri("báo cáo mẫu đầu (FAI)", "first-article reports", "初品検査報告")], hs[],
        NO_UNIT, (0, 0), (0, 0), None),
    tpl!("HT4", "Thử nghiệm cơ tính {a}", "Mechanical testing of {a}", "{a}の機械的特性試験",
        p[], m[], &[tri("kim loại", "metals", "金属材料"), tri("nhựa", "plastics", "樹脂材料"), tri("mối hàn", "welds", "溶接部")], hs[],
        NO_UNIT, (0, 0), (0, 0), None),
    tpl!("HT4", "Phân tích thành phần vật liệu bằng quang phổ {a}", "Spectrometric analysis of {a}", "分光分析による{a}の成分分析",
        p[], m[], &[tri("thép", "steel", "鋼材"), tri("hợp kim nhôm", "aluminium alloys", "アルミ合金")], hs[],
        NO_UNIT, (0, 0), (0, 0), None),
    tpl!("HT4", "Kiểm tra không phá hủy (NDT) {a}", "Non-destructive testing, {a}", "非破壊検査（{a}）",
        p[], m[], &[tri("siêu âm", "ultrasonic", "超音波"), tri("chụp X-quang", "radiographic", "X線"), tri("thẩm thấu", "dye penetrant", "浸透探傷")], hs[],
        NO_UNIT, (0, 0), (0, 0), None),
    tpl!("HT4", "Thử nghiệm môi trường {a}", "Environmental testing, {a}", "環境試験（{a}）",
        p[], m[], &[tri("phun muối", "salt spray", "塩水噴霧"), tri("nhiệt ẩm", "damp heat", "恒温恒湿"), tri("rung động", "vibration", "振動")], hs[],
        NO_UNIT, (0, 0), (0, 0), None),
    tpl!("HT4", "Thiết kế và mô phỏng CAE {a}", "CAE design and simulation of {a}", "{a}のCAE設計・解析",
        p[], m[], &[tri("dòng chảy nhựa trong khuôn", "mould filling", "樹脂流動"), tri("kết cấu cơ khí", "mechanical structures", "機械構造")], hs[],
        NO_UNIT, (0, 0), (0, 0), None),
    tpl!("HT4", "Đánh giá nhà cung cấp tại nhà máy {a}", "On-site supplier audits {a}", "サプライヤー工場監査 {a}",
        p[], m[], &[tri("theo yêu cầu khách hàng", "on behalf of buyers", "バイヤー代行"), tri("theo tiêu chuẩn QCD", "against QCD criteria", "QCD基準")], hs[],
        NO_UNIT, (0, 0), (0, 0), None),
];

// ---------------------------------------------------------------------------------
// Archetypes
// ---------------------------------------------------------------------------------

const MAKER: BusinessType = BusinessType::Manufacturer;

pub(crate) static ARCHETYPES: &[Archetype] = &[
    // ME
    Archetype {
        key: "me_cnc",
        sector: "ME",
        weight: 26,
        kind: MAKER,
        vsic: &["2592"],
        trades: &[
            trade("Cơ khí Chính xác", "Precision Mechanical", "cokhi"),
            trade("Gia công Chính xác", "Precision Machining", "giacong"),
            trade("Kỹ thuật Cơ khí", "Mechanical Engineering", "kythuat"),
        ],
        focus: tri(
            "gia công CNC chính xác chi tiết cơ khí",
            "precision CNC machining of mechanical parts",
            "精密切削加工部品",
        ),
        markets: tri(
            "máy công nghiệp, tự động hóa và xe máy",
            "industrial-machinery, automation and motorcycle",
            "産業機械・自動化設備・二輪車",
        ),
        equipment: tri(
            "{n} máy CNC (trung tâm phay Mazak, Okuma, máy tiện Doosan), máy mài và máy cắt dây",
            "{n} CNC machines (Mazak and Okuma machining centres, Doosan lathes), grinders and wire-EDM",
            "CNC工作機械{n}台（マザック・オークマのマシニングセンタ、斗山の旋盤）、研削盤、ワイヤー放電加工機",
        ),
        precision: true,
        primary: ME_CNC,
        secondary: ME_JIGS,
    },
    Archetype {
        key: "me_mould",
        sector: "ME",
        weight: 16,
        kind: MAKER,
        vsic: &["2593"],
        trades: &[
            trade("Khuôn mẫu", "Mould & Die", "khuonmau"),
            trade("Khuôn mẫu Chính xác", "Precision Mould", "khuon"),
            trade("Cơ khí Khuôn mẫu", "Mould Engineering", "cokhikhuon"),
        ],
        focus: tri(
            "thiết kế, chế tạo khuôn ép phun nhựa, khuôn đúc áp lực và khuôn dập",
            "design and making of injection moulds, die-casting dies and press dies",
            "射出成形金型・ダイカスト金型・プレス金型の設計製作",
        ),
        markets: tri(
            "điện tử, xe máy, ô tô và đồ gia dụng",
            "electronics, motorcycle, automotive and home-appliance",
            "電子機器・二輪車・自動車・家電",
        ),
        equipment: tri(
            "{n} máy CNC tốc độ cao, máy xung EDM Sodick, máy cắt dây Mitsubishi và phần mềm CAD/CAM",
            "{n} high-speed CNC machines, Sodick EDM, Mitsubishi wire-EDM and CAD/CAM software",
            "高速マシニング{n}台、ソディック放電加工機、三菱ワイヤーカット、CAD/CAM",
        ),
        precision: true,
        primary: ME_MOULD,
        secondary: ME_JIGS,
    },
    Archetype {
        key: "me_casting",
        sector: "ME",
        weight: 12,
        kind: MAKER,
        vsic: &["2432", "2431"],
        trades: &[
            trade("Đúc Kim loại", "Metal Casting", "duc"),
            trade("Đúc Nhôm", "Aluminium Die Casting", "ducnhom"),
            trade("Cơ khí Đúc", "Foundry", "coduc"),
        ],
        focus: tri(
            "đúc áp lực nhôm và đúc gang, gia công hoàn thiện sau đúc",
            "aluminium die casting, iron casting and finish machining",
            "アルミダイカスト・鋳鉄鋳造と仕上げ加工",
        ),
        markets: tri(
            "xe máy, động cơ điện, đèn LED và máy công nghiệp",
            "motorcycle, electric-motor, LED-lighting and machinery",
            "二輪車・モーター・LED照明・産業機械",
        ),
        equipment: tri(
            "{n} máy đúc áp lực 250–800 tấn (Toshiba, Yizumi), lò nấu nhôm và máy CNC",
            "{n} die-casting machines of 250–800 t (Toshiba, Yizumi), melting furnaces and CNC machines",
            "ダイカストマシン{n}台（250～800トン、東芝・Yizumi）、溶解炉、CNC工作機械",
        ),
        precision: true,
        primary: ME_CASTING,
        secondary: ME_CNC,
    },
    Archetype {
        key: "me_forging",
        sector: "ME",
        weight: 5,
        kind: MAKER,
        vsic: &["2591"],
        trades: &[trade("Rèn Dập", "Forging", "ren"), trade("Cơ khí Rèn", "Forging Engineering", "coren")],
        focus: tri(
            "rèn, đúc phôi thép và gia công hoàn thiện",
            "forging, casting of steel blanks and finish machining",
            "鍛造・鋳造素材と仕上げ加工",
        ),
        markets: tri(
            "máy công nghiệp, ô tô và xây dựng",
            "machinery, automotive and construction",
            "産業機械・自動車・建設",
        ),
        equipment: tri(
            "{n} máy búa và máy ép rèn 300–1.600 tấn, lò nhiệt luyện liên tục",
            "{n} forging hammers and presses of 300–1,600 t, continuous heat-treatment furnaces",
            "鍛造プレス・ハンマー{n}台（300～1,600トン）、連続熱処理炉",
        ),
        precision: false,
        primary: ME_FORGING,
        secondary: ME_CNC,
    },
    Archetype {
        key: "me_fastener",
        sector: "ME",
        weight: 10,
        kind: MAKER,
        vsic: &["2599"],
        trades: &[
            trade("Bu lông Ốc vít", "Fasteners", "bulong"),
            trade("Lò xo", "Springs", "loxo"),
            trade("Cơ khí Chế tạo", "Engineering", "chetao"),
        ],
        focus: tri(
            "sản xuất bu lông, ốc vít, lò xo và chi tiết tiêu chuẩn",
            "bolts, screws, springs and standard parts",
            "ボルト・ねじ・ばね等の標準部品",
        ),
        markets: tri(
            "điện tử, xe máy, xây dựng và máy công nghiệp",
            "electronics, motorcycle, construction and machinery",
            "電子機器・二輪車・建設・産業機械",
        ),
        equipment: tri(
            "{n} máy dập nguội, máy cán ren, máy cuốn lò xo và dây chuyền mạ kẽm",
            "{n} cold headers, thread rollers, spring coilers and a zinc-plating line",
            "冷間圧造機・転造盤・コイリングマシン{n}台、亜鉛めっきライン",
        ),
        precision: false,
        primary: ME_FASTENERS,
        secondary: ME_GEARS,
    },
    Archetype {
        key: "me_gear",
        sector: "ME",
        weight: 4,
        kind: MAKER,
        vsic: &["2814"],
        trades: &[trade("Bánh răng", "Gear", "banhrang"), trade("Truyền động", "Power Transmission", "truyendong")],
        focus: tri(
            "gia công CNC và nhiệt luyện bánh răng, trục, puly",
            "CNC machining and heat treatment of gears, shafts and pulleys",
            "歯車・シャフト・プーリーの切削加工と熱処理",
        ),
        markets: tri(
            "máy công nghiệp, băng tải và xe máy",
            "machinery, conveyor and motorcycle",
            "産業機械・コンベヤ・二輪車",
        ),
        equipment: tri(
            "{n} máy phay lăn răng, máy mài răng, máy CNC và lò thấm cacbon",
            "{n} gear hobbers, gear grinders, CNC machines and a carburising furnace",
            "ホブ盤・歯車研削盤・CNC{n}台、浸炭炉",
        ),
        precision: true,
        primary: ME_GEARS,
        secondary: ME_FASTENERS,
    },
    Archetype {
        key: "me_tooling",
        sector: "ME",
        weight: 8,
        kind: MAKER,
        vsic: &["2593"],
        trades: &[
            trade("Dụng cụ Cắt", "Cutting Tools", "dungcu"),
            trade("Đồ gá", "Jigs & Fixtures", "doga"),
            trade("Công cụ Chính xác", "Precision Tooling", "congcu"),
        ],
        focus: tri(
            "chế tạo đồ gá, dụng cụ cắt và mài, EDM, cắt dây dụng cụ",
            "jigs, fixtures and cutting tools by grinding, EDM and wire cutting",
            "治具・切削工具（研削・放電加工）",
        ),
        markets: tri(
            "gia công cơ khí, khuôn mẫu và lắp ráp",
            "machining, mould-making and assembly",
            "機械加工・金型・組立",
        ),
        equipment: tri(
            "{n} máy mài dụng cụ CNC (Walter, ANCA), máy EDM và máy đo quang học",
            "{n} CNC tool grinders (Walter, ANCA), EDM machines and optical measuring systems",
            "CNC工具研削盤{n}台（Walter・ANCA）、放電加工機、光学測定機",
        ),
        precision: true,
        primary: ME_TOOLS,
        secondary: ME_JIGS,
    },
    Archetype {
        key: "me_sheet",
        sector: "ME",
        weight: 12,
        kind: MAKER,
        vsic: &["2599"],
        trades: &[
            trade("Cơ khí Dập", "Metal Stamping", "dap"),
            trade("Kim loại Tấm", "Sheet Metal", "kimloaitam"),
            trade("Cơ khí Công nghiệp", "Industrial Engineering", "cokhicn"),
        ],
        focus: tri(
            "dập kim loại, gia công tấm, cắt laser và hàn",
            "metal stamping, sheet metal, laser cutting and welding",
            "プレス加工・板金加工・レーザー切断・溶接",
        ),
        markets: tri(
            "điện lạnh, tủ điện, năng lượng mặt trời và xe máy",
            "air-conditioning, switchgear, solar and motorcycle",
            "空調・配電盤・太陽光・二輪車",
        ),
        equipment: tri(
            "{n} máy dập 60–300 tấn (Amada, Aida), máy cắt laser fiber, máy chấn CNC và robot hàn",
            "{n} presses of 60–300 t (Amada, Aida), fibre lasers, CNC press brakes and welding robots",
            "プレス機{n}台（60～300トン、アマダ・アイダ）、ファイバーレーザー、CNCベンダー、溶接ロボット",
        ),
        precision: true,
        primary: ME_SHEET,
        secondary: ME_FASTENERS,
    },
    Archetype {
        key: "me_motor",
        sector: "ME",
        weight: 5,
        kind: MAKER,
        vsic: &["2710"],
        trades: &[
            trade("Động cơ Điện", "Electric Motor", "dongco"),
            trade("Thiết bị Điện", "Electrical Equipment", "thietbidien"),
        ],
        focus: tri(
            "sản xuất động cơ điện, stato và linh kiện năng lượng tái tạo",
            "electric motors, stators and renewable-energy parts",
            "モーター・ステータ・再生可能エネルギー部品",
        ),
        markets: tri(
            "quạt, máy bơm, xe điện và điện mặt trời",
            "fan, pump, e-mobility and solar",
            "扇風機・ポンプ・電動モビリティ・太陽光",
        ),
        equipment: tri(
            "{n} máy quấn dây tự động, máy dập lá thép và dây chuyền lắp ráp động cơ",
            "{n} automatic winding machines, lamination presses and motor assembly lines",
            "自動巻線機{n}台、積層プレス、モーター組立ライン",
        ),
        precision: false,
        primary: ME_MOTORS,
        secondary: ME_SHEET,
    },
    Archetype {
        key: "me_surface",
        sector: "ME",
        weight: 6,
        kind: MAKER,
        vsic: &["2592"],
        trades: &[trade("Xi mạ", "Surface Treatment", "xima"), trade("Mạ và Sơn", "Plating & Coating", "maxon")],
        focus: tri(
            "mạ, anod, sơn tĩnh điện chi tiết kim loại",
            "plating, anodising and powder coating of metal parts",
            "めっき・アルマイト・粉体塗装",
        ),
        markets: tri(
            "xe máy, điện tử và cơ khí chính xác",
            "motorcycle, electronics and precision-engineering",
            "二輪車・電子機器・精密機械",
        ),
        equipment: tri(
            "{n} dây chuyền mạ kẽm, niken, anod và sơn tĩnh điện tự động, hệ thống xử lý nước thải",
            "{n} zinc, nickel, anodising and powder-coating lines with wastewater treatment",
            "亜鉛・ニッケル・アルマイト・粉体塗装ライン{n}本、排水処理設備",
        ),
        precision: false,
        primary: ME_SURFACE,
        secondary: ME_HEAT,
    },
    Archetype {
        key: "me_heat",
        sector: "ME",
        weight: 3,
        kind: MAKER,
        vsic: &["2592"],
        trades: &[trade("Nhiệt luyện", "Heat Treatment", "nhietluyen")],
        focus: tri(
            "nhiệt luyện chân không, tôi cao tần, thấm cacbon và thấm nitơ",
            "vacuum heat treatment, induction hardening, carburising and nitriding",
            "真空熱処理・高周波焼入れ・浸炭・窒化",
        ),
        markets: tri(
            "khuôn mẫu, ô tô, xe máy và máy công nghiệp",
            "mould, automotive, motorcycle and machinery",
            "金型・自動車・二輪車・産業機械",
        ),
        equipment: tri(
            "{n} lò chân không, lò thấm cacbon, máy tôi cao tần và máy đo độ cứng",
            "{n} vacuum furnaces, carburising furnaces, induction hardeners and hardness testers",
            "真空炉・浸炭炉・高周波焼入れ機{n}台、硬さ試験機",
        ),
        precision: true,
        primary: ME_HEAT,
        secondary: ME_SURFACE,
    },
    // EL
    Archetype {
        key: "el_plastic",
        sector: "EL",
        weight: 30,
        kind: MAKER,
        vsic: &["2220"],
        trades: &[
            trade("Nhựa Kỹ thuật", "Engineering Plastics", "nhua"),
            trade("Nhựa Chính xác", "Precision Plastics", "nhuacx"),
            trade("Nhựa Công nghiệp", "Industrial Plastics", "nhuacn"),
        ],
        focus: tri(
            "ép phun nhựa kỹ thuật và chế tạo khuôn",
            "injection moulding of engineering plastics and mould making",
            "エンプラ射出成形と金型製作",
        ),
        markets: tri(
            "điện tử, điện gia dụng, máy in và ô tô",
            "electronics, home-appliance, printer and automotive",
            "電子機器・家電・プリンター・自動車",
        ),
        equipment: tri(
            "{n} máy ép phun 50–450 tấn (JSW, Haitian, Toyo) có robot gắp sản phẩm, máy sấy và phòng sạch",
            "{n} injection moulding machines of 50–450 t (JSW, Haitian, Toyo) with take-out robots, dryers and a clean room",
            "射出成形機{n}台（50～450トン、日本製鋼所・Haitian・東洋機械）、取出しロボット、乾燥機、クリーンルーム",
        ),
        precision: true,
        primary: EL_PLASTIC,
        secondary: EL_RUBBER,
    },
    Archetype {
        key: "el_rubber",
        sector: "EL",
        weight: 10,
        kind: MAKER,
        vsic: &["2219"],
        trades: &[
            trade("Cao su Kỹ thuật", "Technical Rubber", "caosu"),
            trade("Silicone", "Silicone", "silicone"),
            trade("Cao su Công nghiệp", "Industrial Rubber", "caosucn"),
        ],
        focus: tri(
            "ép cao su kỹ thuật và silicone",
            "rubber moulding of technical rubber and silicone parts",
            "工業用ゴム・シリコンのゴム成形",
        ),
        markets: tri(
            "điện tử, điện lạnh và ô tô",
            "electronics, refrigeration and automotive",
            "電子機器・冷凍空調・自動車",
        ),
        equipment: tri(
            "{n} máy ép cao su chân không, máy ép phun LSR và máy cán trộn",
            "{n} vacuum rubber presses, LSR injection machines and mixing mills",
            "真空ゴムプレス{n}台、LSR射出成形機、混練ロール",
        ),
        precision: false,
        primary: EL_RUBBER,
        secondary: EL_PLASTIC,
    },
    Archetype {
        key: "el_pcb",
        sector: "EL",
        weight: 20,
        kind: MAKER,
        vsic: &["2610"],
        trades: &[
            trade("Điện tử", "Electronics", "dientu"),
            trade("Công nghệ Điện tử", "Electronic Technology", "cndientu"),
            trade("Mạch điện tử", "Circuit", "mach"),
        ],
        focus: tri(
            "lắp ráp SMT bo mạch PCBA và sản xuất bảng mạch in",
            "SMT PCB assembly (PCBA) and printed circuit boards",
            "基板実装（SMT）とプリント基板",
        ),
        markets: tri(
            "điện gia dụng, chiếu sáng LED, công tơ điện và thiết bị công nghiệp",
            "home-appliance, LED-lighting, metering and industrial-equipment",
            "家電・LED照明・電力量計・産業機器",
        ),
        equipment: tri(
            "{n} dây chuyền SMT (Fuji NXT, Panasonic, Yamaha), máy AOI, X-ray và lò hàn reflow",
            "{n} SMT lines (Fuji NXT, Panasonic, Yamaha), AOI, X-ray and reflow ovens",
            "SMTライン{n}本（FUJI NXT・パナソニック・ヤマハ）、AOI、X線検査装置、リフロー炉",
        ),
        precision: true,
        primary: EL_PCB,
        secondary: EL_COMPONENTS,
    },
    Archetype {
        key: "el_cable",
        sector: "EL",
        weight: 14,
        kind: MAKER,
        vsic: &["2732"],
        trades: &[trade("Dây Cáp điện", "Wire & Cable", "daycap"), trade("Dây và Cáp", "Cable", "cap")],
        focus: tri(
            "sản xuất dây cáp điện, bó dây và cụm dây kết nối",
            "wire and cable, wire harnesses and cable assemblies",
            "電線・ケーブル、ワイヤーハーネス",
        ),
        markets: tri(
            "điện gia dụng, điện lạnh, máy in và xe máy điện",
            "home-appliance, air-conditioning, printer and e-scooter",
            "家電・空調・プリンター・電動スクーター",
        ),
        equipment: tri(
            "{n} máy bọc cách điện, máy cắt tuốt dây tự động (Komax, Shinmaywa), máy bấm đầu cốt và bàn test thông mạch",
            "{n} extrusion lines, automatic cut-and-strip machines (Komax, ShinMaywa), crimping presses and continuity test boards",
            "押出ライン・自動切断圧着機{n}台（コマックス・新明和）、導通検査台",
        ),
        precision: false,
        primary: EL_CABLE,
        secondary: EL_PCB,
    },
    Archetype {
        key: "el_components",
        sector: "EL",
        weight: 8,
        kind: MAKER,
        vsic: &["2610"],
        trades: &[
            trade("Linh kiện Điện tử", "Electronic Components", "linhkien"),
            trade("Điện tử Công nghiệp", "Industrial Electronics", "dientucn"),
        ],
        focus: tri(
            "sản xuất linh kiện điện tử, LED và mô-đun",
            "electronic components, LEDs and modules",
            "電子部品・LED・モジュール",
        ),
        markets: tri(
            "điện tử, chiếu sáng và điện gia dụng",
            "electronics, lighting and home-appliance",
            "電子機器・照明・家電",
        ),
        equipment: tri(
            "{n} máy đóng gói linh kiện tự động, máy phân loại LED và máy dán băng",
            "{n} automatic packaging machines, LED sorters and taping machines",
            "自動パッケージング機{n}台、LED選別機、テーピング機",
        ),
        precision: false,
        primary: EL_COMPONENTS,
        secondary: EL_PCB,
    },
    Archetype {
        key: "el_battery",
        sector: "EL",
        weight: 5,
        kind: MAKER,
        vsic: &["2720"],
        trades: &[trade("Pin và Ắc quy", "Battery", "pin"), trade("Năng lượng Pin", "Battery Energy", "nangluongpin")],
        focus: tri(
            "sản xuất bộ pin lithium-ion, ắc quy và mạch BMS",
            "lithium-ion battery packs, lead-acid batteries and BMS boards",
            "リチウムイオン電池パック・鉛蓄電池・BMS",
        ),
        markets: tri(
            "xe điện, lưu trữ năng lượng và thiết bị cầm tay",
            "e-mobility, energy-storage and handheld-device",
            "電動モビリティ・蓄電・ハンディ機器",
        ),
        equipment: tri(
            "{n} máy hàn điểm cell pin, máy phân loại cell và tủ test sạc xả",
            "{n} cell spot-welders, cell graders and charge–discharge testers",
            "セルスポット溶接機{n}台、セル選別機、充放電試験機",
        ),
        precision: false,
        primary: EL_BATTERY,
        secondary: EL_PCB,
    },
    Archetype {
        key: "el_audio",
        sector: "EL",
        weight: 6,
        kind: MAKER,
        vsic: &["2640"],
        trades: &[
            trade("Điện tử Âm thanh", "Audio Electronics", "amthanh"),
            trade("Thiết bị Nghe nhìn", "Audio-Visual", "nghenhin"),
        ],
        focus: tri(
            "sản xuất loa, tai nghe và mô-đun màn hình",
            "loudspeakers, headphones and display modules",
            "スピーカー・ヘッドホン・ディスプレイモジュール",
        ),
        markets: tri(
            "điện tử tiêu dùng, ô tô và thiết bị công nghiệp",
            "consumer-electronics, automotive and industrial-equipment",
            "民生電子機器・自動車・産業機器",
        ),
        equipment: tri(
            "{n} dây chuyền lắp ráp loa, máy từ hóa và phòng đo âm thanh",
            "{n} speaker assembly lines, magnetisers and an acoustic test room",
            "スピーカー組立ライン{n}本、着磁機、音響測定室",
        ),
        precision: false,
        primary: EL_AUDIO,
        secondary: EL_PCB,
    },
    // AU
    Archetype {
        key: "au_engine",
        sector: "AU",
        weight: 6,
        kind: MAKER,
        vsic: &["2930"],
        trades: &[
            trade("Phụ tùng Ô tô", "Auto Parts", "phutungoto"),
            trade("Cơ khí Động lực", "Powertrain Engineering", "dongluc"),
        ],
        focus: tri(
            "sản xuất phụ tùng động cơ: đúc áp lực, rèn, gia công CNC và nhiệt luyện",
            "engine parts by die casting, forging, CNC machining and heat treatment",
            "エンジン部品（ダイカスト・鍛造・切削・熱処理）",
        ),
        markets: tri(
            "ô tô, xe máy và máy nông nghiệp",
            "automotive, motorcycle and agricultural-machinery",
            "自動車・二輪車・農業機械",
        ),
        equipment: tri(
            "{n} máy CNC, máy đúc áp lực, lò nhiệt luyện và máy đo CMM Zeiss",
            "{n} CNC machines, die-casting machines, heat-treatment furnaces and a Zeiss CMM",
            "CNC工作機械{n}台、ダイカストマシン、熱処理炉、ツァイス三次元測定機",
        ),
        precision: true,
        primary: AU_ENGINE,
        secondary: AU_CHASSIS,
    },
    Archetype {
        key: "au_chassis",
        sector: "AU",
        weight: 5,
        kind: MAKER,
        vsic: &["2930"],
        trades: &[
            trade("Phụ tùng Ô tô", "Auto Parts", "phutung"),
            trade("Hệ thống Truyền động", "Drivetrain Systems", "truyendongoto"),
        ],
        focus: tri(
            "sản xuất chi tiết phanh, lái, treo và truyền động",
            "brake, steering, suspension and driveline parts",
            "ブレーキ・ステアリング・サスペンション・駆動系部品",
        ),
        markets: tri("ô tô tải, ô tô du lịch và xe buýt", "truck, passenger-car and bus", "トラック・乗用車・バス"),
        equipment: tri(
            "{n} máy rèn, máy CNC, robot hàn và băng thử phanh",
            "{n} forging presses, CNC machines, welding robots and a brake test bench",
            "鍛造機・CNC{n}台、溶接ロボット、ブレーキ試験機",
        ),
        precision: true,
        primary: AU_CHASSIS,
        secondary: AU_ENGINE,
    },
    Archetype {
        key: "au_body",
        sector: "AU",
        weight: 5,
        kind: MAKER,
        vsic: &["2920"],
        trades: &[
            trade("Cơ khí Ô tô", "Automotive Engineering", "cokhioto"),
            trade("Thân vỏ Ô tô", "Auto Body", "thanvo"),
        ],
        focus: tri(
            "dập kim loại, hàn robot và ép phun nhựa chi tiết thân vỏ ô tô",
            "metal stamping, robot welding and injection moulding of car-body parts",
            "車体部品のプレス加工・ロボット溶接・射出成形",
        ),
        markets: tri(
            "lắp ráp ô tô tải, xe buýt và xe du lịch",
            "truck, bus and passenger-car assembly",
            "トラック・バス・乗用車組立",
        ),
        equipment: tri(
            "{n} máy dập 200–1.000 tấn, robot hàn Yaskawa, máy ép phun cỡ lớn và buồng sơn",
            "{n} presses of 200–1,000 t, Yaskawa welding robots, large injection moulding machines and paint booths",
            "プレス機{n}台（200～1,000トン）、安川溶接ロボット、大型射出成形機、塗装ブース",
        ),
        precision: true,
        primary: AU_BODY,
        secondary: AU_INTERIOR,
    },
    Archetype {
        key: "au_harness",
        sector: "AU",
        weight: 6,
        kind: MAKER,
        vsic: &["2930", "2740"],
        trades: &[
            trade("Điện Ô tô", "Auto Electric", "dienoto"),
            trade("Dây điện Ô tô", "Automotive Wiring", "daydienoto"),
        ],
        focus: tri(
            "sản xuất bó dây điện ô tô, xe máy và đèn chiếu sáng",
            "automotive and motorcycle wiring harnesses and lamps",
            "自動車・二輪車用ワイヤーハーネスとランプ",
        ),
        markets: tri(
            "ô tô, xe máy và xe điện",
            "automotive, motorcycle and electric-vehicle",
            "自動車・二輪車・電動車",
        ),
        equipment: tri(
            "{n} máy cắt tuốt bấm đầu cốt tự động, bàn lắp ráp bó dây và bàn test thông mạch 100%",
            "{n} automatic cut-strip-crimp machines, harness assembly boards and 100% continuity testers",
            "自動切断圧着機{n}台、ハーネス組立図板、全数導通検査機",
        ),
        precision: true,
        primary: AU_HARNESS,
        secondary: AU_BODY,
    },
    Archetype {
        key: "au_interior",
        sector: "AU",
        weight: 4,
        kind: MAKER,
        vsic: &["2930"],
        trades: &[trade("Nội thất Ô tô", "Auto Interior", "noithatoto"), trade("Ghế Ô tô", "Auto Seating", "ghe")],
        focus: tri(
            "sản xuất ghế, khung ghế, chi tiết nội thất và kính ô tô",
            "seats, seat frames, interior trims and glass for vehicles",
            "シート・シートフレーム・内装部品・ガラス",
        ),
        markets: tri("ô tô tải, xe buýt và xe du lịch", "truck, bus and passenger-car", "トラック・バス・乗用車"),
        equipment: tri(
            "{n} robot hàn khung ghế, máy ép phun, dây chuyền may bọc ghế",
            "{n} seat-frame welding robots, injection moulding machines and seat-cover sewing lines",
            "シートフレーム溶接ロボット{n}台、射出成形機、シートカバー縫製ライン",
        ),
        precision: false,
        primary: AU_INTERIOR,
        secondary: AU_BODY,
    },
    Archetype {
        key: "au_moto",
        sector: "AU",
        weight: 14,
        kind: MAKER,
        vsic: &["3091"],
        trades: &[
            trade("Phụ tùng Xe máy", "Motorcycle Parts", "phutungxemay"),
            trade("Cơ khí Xe máy", "Motorcycle Engineering", "xemay"),
        ],
        focus: tri(
            "sản xuất phụ tùng xe máy: dập kim loại, đúc áp lực, gia công CNC và ép phun nhựa",
            "motorcycle parts by metal stamping, die casting, CNC machining and injection moulding",
            "二輪車部品（プレス・ダイカスト・切削・射出成形）",
        ),
        markets: tri(
            "lắp ráp xe máy và xe máy điện",
            "motorcycle and e-scooter assembly",
            "二輪車・電動スクーター組立",
        ),
        equipment: tri(
            "{n} máy dập, máy đúc áp lực, máy CNC, máy ép phun và dây chuyền sơn",
            "{n} presses, die-casting machines, CNC machines, injection moulding machines and painting lines",
            "プレス機・ダイカストマシン・CNC・射出成形機{n}台、塗装ライン",
        ),
        precision: true,
        primary: AU_MOTO,
        secondary: AU_HARNESS,
    },
    // TG
    Archetype {
        key: "tg_yarn",
        sector: "TG",
        weight: 4,
        kind: MAKER,
        vsic: &["1311"],
        trades: &[trade("Sợi", "Yarn", "soi"), trade("Dệt Sợi", "Spinning", "detsoi")],
        focus: tri(
            "kéo sợi cotton, polyester và chỉ may",
            "spinning of cotton and polyester yarn and sewing thread",
            "綿・ポリエステル紡績、縫製糸",
        ),
        markets: tri("dệt, dệt kim và may mặc", "weaving, knitting and garment", "織布・ニット・縫製"),
        equipment: tri(
            "{n} nghìn cọc sợi (Rieter, Toyota), máy đánh ống Murata",
            "{n} thousand spindles (Rieter, Toyota) and Murata winders",
            "精紡機{n}千錘（リータ・豊田）、村田自動ワインダー",
        ),
        precision: false,
        primary: TG_YARN,
        secondary: TG_TRIMS,
    },
    Archetype {
        key: "tg_fabric",
        sector: "TG",
        weight: 9,
        kind: MAKER,
        vsic: &["1312", "1391"],
        trades: &[
            trade("Dệt Nhuộm", "Textile & Dyeing", "detnhuom"),
            trade("Dệt may", "Textile", "detmay"),
            trade("Dệt Kim", "Knitting", "detkim"),
        ],
        focus: tri(
            "dệt, nhuộm và hoàn tất vải dệt thoi, dệt kim",
            "weaving, dyeing and finishing of woven and knitted fabrics",
            "織物・ニット生地の製織・染色・仕上げ",
        ),
        markets: tri(
            "may mặc xuất khẩu, đồ bảo hộ và nội thất",
            "export garment, workwear and home-textile",
            "輸出縫製・作業服・インテリア",
        ),
        equipment: tri(
            "{n} máy dệt kiếm, máy dệt kim tròn, máy nhuộm cao áp và máy văng định hình",
            "{n} rapier looms, circular knitting machines, high-temperature dyeing machines and stenters",
            "レピア織機・丸編機{n}台、高圧染色機、テンター",
        ),
        precision: false,
        primary: TG_FABRIC,
        secondary: TG_YARN,
    },
    Archetype {
        key: "tg_trims",
        sector: "TG",
        weight: 8,
        kind: MAKER,
        vsic: &["1399", "3290"],
        trades: &[
            trade("Phụ liệu May", "Garment Accessories", "phulieu"),
            trade("Nhãn mác và Phụ liệu", "Labels & Trims", "nhanmac"),
        ],
        focus: tri(
            "sản xuất phụ liệu may: khóa kéo, cúc, nhãn dệt, dây chun",
            "garment trims: zippers, buttons, woven labels and elastic",
            "縫製副資材（ファスナー・ボタン・織ネーム・ゴムテープ）",
        ),
        markets: tri("may mặc, giày dép và túi xách", "garment, footwear and bag", "衣料・履物・バッグ"),
        equipment: tri(
            "{n} máy dệt nhãn Jacquard, máy in nhãn, máy ép phun cúc và máy dệt băng",
            "{n} jacquard label looms, label printers, button moulding machines and narrow-fabric looms",
            "ジャカード織ネーム機{n}台、ラベル印刷機、ボタン成形機、細幅織機",
        ),
        precision: false,
        primary: TG_TRIMS,
        secondary: TG_FABRIC,
    },
    Archetype {
        key: "tg_dye",
        sector: "TG",
        weight: 2,
        kind: MAKER,
        vsic: &["2029", "2011"],
        trades: &[
            trade("Hóa chất Dệt", "Textile Chemicals", "hoachat"),
            trade("Hóa chất Công nghiệp", "Industrial Chemicals", "hoachatcn"),
        ],
        focus: tri("sản xuất thuốc nhuộm và chất trợ dệt", "dyes and textile auxiliaries", "染料・繊維助剤"),
        markets: tri("dệt nhuộm và hoàn tất vải", "dyeing and finishing", "染色・仕上げ"),
        equipment: tri(
            "{n} nồi phản ứng, máy nghiền và phòng thí nghiệm màu",
            "{n} reactors, mills and a colour laboratory",
            "反応釜{n}基、粉砕機、カラーラボ",
        ),
        precision: false,
        primary: TG_DYES,
        secondary: TG_YARN,
    },
    // LF
    Archetype {
        key: "lf_leather",
        sector: "LF",
        weight: 3,
        kind: MAKER,
        vsic: &["1511"],
        trades: &[trade("Thuộc da", "Tannery", "thuocda"), trade("Da Thuộc", "Leather", "da")],
        focus: tri(
            "thuộc da bò, da trâu thành phẩm và bán thành phẩm",
            "tanning of finished and crust cow and buffalo leather",
            "牛革・水牛革のなめし",
        ),
        markets: tri("giày dép, túi xách và nội thất", "footwear, bag and upholstery", "履物・バッグ・家具"),
        equipment: tri(
            "{n} thùng quay thuộc da, máy bào, máy phun sơn phủ và máy ép vân",
            "{n} tanning drums, shaving machines, spray-finishing lines and embossing presses",
            "なめしドラム{n}基、シェービング機、スプレー仕上げ、型押し機",
        ),
        precision: false,
        primary: LF_LEATHER,
        secondary: LF_CHEMICALS,
    },
    Archetype {
        key: "lf_sole",
        sector: "LF",
        weight: 4,
        kind: MAKER,
        vsic: &["1520"],
        trades: &[
            trade("Đế giày", "Shoe Sole", "degiay"),
            trade("Phụ kiện Giày dép", "Footwear Components", "giaydep"),
        ],
        focus: tri(
            "ép đế giày EVA, cao su, TPR và sản xuất mũ giày",
            "sole moulding in EVA, rubber and TPR, and shoe uppers",
            "EVA・ゴム・TPRのソール成形とアッパー",
        ),
        markets: tri(
            "giày thể thao, giày bảo hộ và dép",
            "sports-shoe, safety-shoe and sandal",
            "スポーツシューズ・安全靴・サンダル",
        ),
        equipment: tri(
            "{n} máy ép đế EVA, máy ép cao su lưu hóa và chuyền may mũ giày",
            "{n} EVA sole presses, rubber vulcanising presses and upper stitching lines",
            "EVAソールプレス{n}台、加硫プレス、アッパー縫製ライン",
        ),
        precision: false,
        primary: LF_SOLES,
        secondary: LF_ACCESSORIES,
    },
    Archetype {
        key: "lf_synthetic",
        sector: "LF",
        weight: 2,
        kind: MAKER,
        vsic: &["2220", "1399"],
        trades: &[trade("Giả da", "Synthetic Leather", "giada")],
        focus: tri(
            "sản xuất giả da PU, PVC và da vi sợi",
            "PU, PVC and microfibre synthetic leather",
            "PU・PVC・マイクロファイバー合成皮革",
        ),
        markets: tri(
            "giày dép, túi xách, nội thất và ô tô",
            "footwear, bag, furniture and automotive",
            "履物・バッグ・家具・自動車",
        ),
        equipment: tri(
            "{n} dây chuyền tráng phủ PU, máy cán PVC và máy ép vân",
            "{n} PU coating lines, PVC calenders and embossing machines",
            "PUコーティングライン{n}本、PVCカレンダー、型押し機",
        ),
        precision: false,
        primary: LF_SYNTHETIC,
        secondary: LF_ACCESSORIES,
    },
    Archetype {
        key: "lf_chem",
        sector: "LF",
        weight: 1,
        kind: MAKER,
        vsic: &["2029"],
        trades: &[trade("Keo và Hóa chất", "Adhesives & Chemicals", "keo")],
        focus: tri(
            "sản xuất keo dán giày và hóa chất ngành da",
            "shoe adhesives and leather chemicals",
            "靴用接着剤・皮革薬品",
        ),
        markets: tri("giày dép và thuộc da", "footwear and tannery", "履物・製革"),
        equipment: tri(
            "{n} nồi phản ứng, máy khuấy phân tán và phòng thí nghiệm",
            "{n} reactors, dispersers and a laboratory",
            "反応釜{n}基、分散機、試験室",
        ),
        precision: false,
        primary: LF_CHEMICALS,
        secondary: LF_SYNTHETIC,
    },
    Archetype {
        key: "lf_acc",
        sector: "LF",
        weight: 1,
        kind: MAKER,
        vsic: &["2599"],
        trades: &[trade("Phụ kiện Kim loại", "Metal Accessories", "phukien")],
        focus: tri(
            "dập kim loại và mạ phụ kiện giày, túi: ô dê, khóa cài, đinh tán",
            "metal stamping and plating of shoe and bag accessories: eyelets, buckles, rivets",
            "靴・バッグ用金属副資材のプレス加工・めっき",
        ),
        markets: tri("giày dép, túi xách và may mặc", "footwear, bag and garment", "履物・バッグ・衣料"),
        equipment: tri(
            "{n} máy dập tự động, máy đúc kẽm và dây chuyền mạ",
            "{n} automatic presses, zinc die-casting machines and plating lines",
            "自動プレス機{n}台、亜鉛ダイカストマシン、めっきライン",
        ),
        precision: false,
        primary: LF_ACCESSORIES,
        secondary: LF_SOLES,
    },
    // HT
    Archetype {
        key: "ht_materials",
        sector: "HT",
        weight: 8,
        kind: MAKER,
        vsic: &["2013", "2410"],
        trades: &[
            trade("Vật liệu Mới", "Advanced Materials", "vatlieu"),
            trade("Vật liệu Kỹ thuật", "Engineering Materials", "vatlieukt"),
        ],
        focus: tri(
            "sản xuất hạt nhựa kỹ thuật, thép dụng cụ và vật liệu composite",
            "engineering-plastic compounds, tool steel and composites",
            "エンプラコンパウンド・工具鋼・複合材料",
        ),
        markets: tri(
            "ép nhựa, khuôn mẫu, điện tử và ô tô",
            "plastics-moulding, mould-making, electronics and automotive",
            "樹脂成形・金型・電子機器・自動車",
        ),
        equipment: tri(
            "{n} máy đùn trục vít đôi, phòng thí nghiệm vật liệu và máy thử cơ tính",
            "{n} twin-screw compounding lines, a materials laboratory and testing machines",
            "二軸押出機{n}台、材料試験室、機械試験機",
        ),
        precision: true,
        primary: HT_MATERIALS,
        secondary: &[],
    },
    Archetype {
        key: "ht_micro",
        sector: "HT",
        weight: 3,
        kind: MAKER,
        vsic: &["2610"],
        trades: &[trade("Vi mạch", "Microelectronics", "vimach"), trade("Bán dẫn", "Semiconductor", "bandan")],
        focus: tri(
            "thiết kế, đóng gói và kiểm thử vi mạch",
            "IC design, packaging and testing",
            "IC設計・パッケージング・テスト",
        ),
        markets: tri("điện tử, IoT và ô tô", "electronics, IoT and automotive", "電子機器・IoT・自動車"),
        equipment: tri(
            "{n} máy hàn dây (wire bonder), máy đóng gói, máy test tự động trong phòng sạch",
            "{n} wire bonders, moulding and automatic test equipment in a clean room",
            "ワイヤーボンダー{n}台、モールド装置、自動テスター（クリーンルーム）",
        ),
        precision: true,
        primary: HT_MICRO,
        secondary: &[],
    },
    Archetype {
        key: "ht_medical",
        sector: "HT",
        weight: 6,
        kind: MAKER,
        vsic: &["3250"],
        trades: &[trade("Thiết bị Y tế", "Medical Devices", "yte"), trade("Nhựa Y tế", "Medical Plastics", "nhuayte")],
        focus: tri(
            "ép phun nhựa y tế và gia công CNC chi tiết chính xác",
            "medical injection moulding and CNC machining of precision medical parts",
            "医療用射出成形と精密切削部品",
        ),
        markets: tri("thiết bị y tế và chẩn đoán", "medical-device and diagnostics", "医療機器・診断機器"),
        equipment: tri(
            "{n} máy ép phun điện trong phòng sạch ISO 7, máy CNC Thụy Sĩ và máy đo quang học",
            "{n} all-electric injection moulding machines in an ISO 7 clean room, Swiss-type CNC lathes and optical measurement",
            "クリーンルーム（ISO 7）内の電動射出成形機{n}台、スイス型自動旋盤、画像測定機",
        ),
        precision: true,
        primary: HT_MEDICAL,
        secondary: HT_OPTICAL,
    },
    Archetype {
        key: "ht_optical",
        sector: "HT",
        weight: 5,
        kind: MAKER,
        vsic: &["2670"],
        trades: &[trade("Quang học", "Optics", "quanghoc"), trade("Quang điện tử", "Optoelectronics", "quangdientu")],
        focus: tri(
            "gia công CNC, mài chính xác chi tiết quang học và cảm biến",
            "CNC machining and precision grinding of optical parts and sensors",
            "光学部品・センサーの切削・精密研削",
        ),
        markets: tri(
            "camera, thiết bị đo và tự động hóa",
            "camera, instrumentation and automation",
            "カメラ・計測機器・自動化",
        ),
        equipment: tri(
            "{n} máy mài, đánh bóng thấu kính, máy CNC và giao thoa kế",
            "{n} lens grinding and polishing machines, CNC machines and interferometers",
            "レンズ研削・研磨機{n}台、CNC、干渉計",
        ),
        precision: true,
        primary: HT_OPTICAL,
        secondary: HT_MEDICAL,
    },
    Archetype {
        key: "ht_services",
        sector: "HT",
        weight: 4,
        kind: BusinessType::Service,
        vsic: &["7120"],
        trades: &[
            trade("Dịch vụ Kỹ thuật", "Engineering Services", "dichvukt"),
            trade("Đo lường Hiệu chuẩn", "Metrology & Calibration", "hieuchuan"),
            trade("Kiểm định và Thử nghiệm", "Testing & Inspection", "thunghiem"),
        ],
        focus: tri(
            "hiệu chuẩn, thử nghiệm, đo kiểm và dịch vụ kỹ thuật",
            "calibration, testing, inspection and engineering services",
            "校正・試験・検査・技術サービス",
        ),
        markets: tri(
            "cơ khí, điện tử, ô tô và khuôn mẫu",
            "mechanical, electronics, automotive and mould-making",
            "機械・電子・自動車・金型",
        ),
        equipment: tri(
            "{n} thiết bị đo chuẩn, máy CMM, máy quang phổ và máy thử kéo nén",
            "{n} reference standards, CMMs, spectrometers and universal testing machines",
            "標準器{n}台、三次元測定機、分光分析装置、万能試験機",
        ),
        precision: true,
        primary: HT_SERVICES,
        secondary: &[],
    },
];

pub(crate) fn archetype(key: &str) -> &'static Archetype {
    ARCHETYPES.iter().find(|archetype| archetype.key == key).unwrap_or(&ARCHETYPES[0])
}

#[cfg(test)]
/// Processes a product of each group may carry, and the "core" ones at least one of
/// which a product of the group carries when it lists any. This is the consistency rule
/// between product groups and processes that matching relies on.
pub(crate) static GROUP_PROCESSES: &[(&str, &[&str], &[&str])] = &[
    ("TG1", &["P15"], &[]),
    ("TG2", &["P15"], &[]),
    ("TG3", &["P15", "P17"], &["P15"]),
    ("TG4", &[], &[]),
    ("TG5", &["P02", "P03", "P04", "P08", "P15", "P17"], &[]),
    ("LF1", &["P16"], &["P16"]),
    ("LF2", &["P17"], &[]),
    ("LF3", &["P16", "P02", "P14"], &["P16"]),
    ("LF4", &[], &[]),
    ("LF5", &["P03", "P04", "P08"], &[]),
    ("EL1", &["P12"], &[]),
    ("EL2", &["P12"], &["P12"]),
    ("EL3", &["P10", "P12"], &[]),
    ("EL4", &["P13"], &["P13"]),
    ("EL5", &["P02", "P07", "P08", "P14", "P17"], &["P02", "P14"]),
    ("EL6", &["P02", "P12"], &[]),
    ("AU1", &["P01", "P03", "P04", "P06", "P09", "P11", "P14"], &[]),
    ("AU2", &["P01", "P03", "P04", "P06", "P09", "P10", "P14"], &[]),
    ("AU3", &["P02", "P04", "P05", "P07", "P08", "P10"], &[]),
    ("AU4", &["P02", "P12", "P13"], &["P13", "P02", "P12"]),
    ("AU5", &["P02", "P05", "P10", "P14"], &[]),
    ("AU6", &["P01", "P02", "P03", "P04", "P06", "P08", "P09", "P10"], &[]),
    ("ME1", &["P01", "P07", "P11"], &["P07", "P11"]),
    ("ME2", &["P01", "P07", "P09", "P11"], &[]),
    ("ME3", &["P01", "P02", "P04", "P06", "P08", "P09", "P11"], &[]),
    ("ME4", &["P01", "P03", "P06", "P08", "P09"], &["P03", "P06"]),
    ("ME5", &["P01", "P08", "P09", "P11"], &["P01", "P08", "P09", "P11"]),
    ("ME6", &["P01", "P03", "P04", "P05", "P08", "P09", "P10", "P11"], &[]),
    ("HT1", &["P09"], &[]),
    ("HT2", &["P12"], &[]),
    ("HT3", &["P01", "P02", "P08", "P11", "P12"], &[]),
    ("HT4", &[], &[]),
];

/// `(allowed, core)` processes of a product group.
#[cfg(test)]
pub(crate) fn group_processes(group: &str) -> (&'static [&'static str], &'static [&'static str]) {
    GROUP_PROCESSES
        .iter()
        .find(|(code, _, _)| *code == group)
        .map_or((&[], &[]), |(_, allowed, core)| (*allowed, *core))
}
