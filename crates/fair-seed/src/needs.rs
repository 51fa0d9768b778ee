//! What buyers ask for: need items with their product group, processes, materials and
//! volumes, named in the six languages buyers write in, and the rendering of a need's
//! title and description in the buyer's own language. The structured fields of a need
//! come from the same item as its text, so they agree: they are the ground truth for
//! judging matching.

use fair_domain::Language;
use fair_domain::taxonomy::{certification, process};

use crate::DemoNeed;
use crate::pick::{Rng, between, chance, pick, round_nicely, thousands};

/// One thing a buyer may need, named in each language buyers write in.
#[derive(Debug)]
pub(crate) struct NeedItem {
    pub key: &'static str,
    pub group: Option<&'static str>,
    pub processes: &'static [&'static str],
    /// vi, en, ja, zh-Hant, zh-Hans, ko.
    pub names: [&'static str; 6],
    /// The name already says the process ("wire harness"): titles do not repeat it.
    pub self_named: bool,
    pub materials: &'static [&'static str],
    pub unit: &'static str,
    pub volume: (i64, i64),
    pub tolerance: Option<(i32, i32)>,
    pub hs: Option<&'static str>,
    /// Certifications this kind of part is often bought with, and how often.
    pub certs: &'static [(&'static str, f64)],
}

macro_rules! item {
    ($key:literal, $group:expr, [$($p:literal),*], [$vi:literal, $en:literal, $ja:literal, $zht:literal, $zhs:literal, $ko:literal],
     $self_named:literal, [$($m:literal),*], $unit:literal, $volume:expr, $tol:expr, $hs:expr, $certs:expr) => {
        NeedItem {
            key: $key,
            group: $group,
            processes: &[$($p),*],
            names: [$vi, $en, $ja, $zht, $zhs, $ko],
            self_named: $self_named,
            materials: &[$($m),*],
            unit: $unit,
            volume: $volume,
            tolerance: $tol,
            hs: $hs,
            certs: $certs,
        }
    };
}

const IATF: &[(&str, f64)] = &[("IATF16949", 0.8)];
const NONE: &[(&str, f64)] = &[];

pub(crate) static NEED_ITEMS: &[NeedItem] = &[
    item!(
        "abs_cover",
        Some("EL5"),
        ["P02"],
        ["vỏ nhựa ABS", "ABS plastic covers", "ABS樹脂カバー", "ABS塑膠外殼", "ABS塑料外壳", "ABS 플라스틱 커버"],
        false,
        ["ABS"],
        "pcs",
        (50_000, 600_000),
        Some((30, 50)),
        Some("392690"),
        &[("ROHS", 0.3)]
    ),
    item!(
        "pa_parts",
        Some("EL5"),
        ["P02"],
        [
            "chi tiết nhựa kỹ thuật PA66",
            "PA66 engineering plastic parts",
            "PA66樹脂部品",
            "PA66工程塑膠零件",
            "PA66工程塑料零件",
            "PA66 엔지니어링 플라스틱 부품"
        ],
        false,
        ["PA66-GF30"],
        "pcs",
        (30_000, 300_000),
        Some((20, 40)),
        Some("392690"),
        &[("ROHS", 0.3)]
    ),
    item!(
        "pc_diffuser",
        Some("EL5"),
        ["P02"],
        ["chụp tán quang PC", "PC light diffusers", "PC拡散カバー", "PC擴散罩", "PC扩散罩", "PC 확산 커버"],
        false,
        ["PC"],
        "pcs",
        (50_000, 500_000),
        Some((30, 50)),
        Some("392690"),
        NONE
    ),
    item!(
        "diecast_housing",
        Some("ME4"),
        ["P03", "P01"],
        [
            "vỏ hộp nhôm ADC12",
            "ADC12 aluminium housings",
            "ADC12アルミハウジング",
            "ADC12鋁合金外殼",
            "ADC12铝合金外壳",
            "ADC12 알루미늄 하우징"
        ],
        false,
        ["ADC12"],
        "pcs",
        (10_000, 120_000),
        Some((30, 60)),
        Some("761699"),
        NONE
    ),
    item!(
        "cnc_shaft",
        Some("ME5"),
        ["P01", "P09"],
        ["trục thép S45C", "S45C steel shafts", "S45Cシャフト", "S45C鋼軸", "S45C钢轴", "S45C 강 샤프트"],
        false,
        ["S45C"],
        "pcs",
        (10_000, 100_000),
        Some((5, 20)),
        Some("848790"),
        NONE
    ),
    item!(
        "precision_block",
        Some("ME5"),
        ["P01", "P08"],
        [
            "chi tiết nhôm A6061",
            "A6061 aluminium parts",
            "A6061アルミ部品",
            "A6061鋁合金零件",
            "A6061铝合金零件",
            "A6061 알루미늄 부품"
        ],
        false,
        ["A6061"],
        "pcs",
        (5_000, 50_000),
        Some((10, 30)),
        Some("848790"),
        NONE
    ),
    item!(
        "stamped_bracket",
        None,
        ["P04", "P08"],
        [
            "giá đỡ thép SPCC",
            "SPCC steel brackets",
            "SPCC鋼板ブラケット",
            "SPCC鋼支架",
            "SPCC钢支架",
            "SPCC 강판 브래킷"
        ],
        false,
        ["SPCC"],
        "pcs",
        (100_000, 1_000_000),
        Some((50, 100)),
        None,
        NONE
    ),
    item!(
        "sheet_metal_casing",
        None,
        ["P05", "P08"],
        [
            "vỏ máy bằng thép tấm SECC",
            "SECC sheet-steel casings",
            "SECC鋼板筐体",
            "SECC機殼",
            "SECC机壳",
            "SECC 강판 케이스"
        ],
        false,
        ["SECC"],
        "pcs",
        (5_000, 50_000),
        None,
        None,
        NONE
    ),
    item!(
        "welded_frame",
        None,
        ["P10", "P05"],
        ["khung thép SS400", "SS400 steel frames", "SS400製フレーム", "SS400鋼架", "SS400钢架", "SS400 강 프레임"],
        false,
        ["SS400"],
        "pcs",
        (500, 5_000),
        None,
        None,
        NONE
    ),
    item!(
        "auto_bracket",
        Some("AU3"),
        ["P04", "P10"],
        ["giá đỡ thân xe", "body brackets", "車体ブラケット", "車身支架", "车身支架", "차체 브래킷"],
        false,
        ["SPHC"],
        "pcs",
        (100_000, 800_000),
        Some((50, 100)),
        Some("870829"),
        IATF
    ),
    item!(
        "auto_harness",
        Some("AU4"),
        ["P13"],
        [
            "bộ dây điện ô tô",
            "automotive wiring harnesses",
            "自動車用ワイヤーハーネス",
            "汽車線束",
            "汽车线束",
            "자동차 와이어 하네스"
        ],
        true,
        ["AVSS"],
        "pcs",
        (20_000, 200_000),
        None,
        Some("854430"),
        &[("IATF16949", 0.85)]
    ),
    item!(
        "appliance_harness",
        Some("EL4"),
        ["P13"],
        [
            "bộ dây điện cho thiết bị gia dụng",
            "wire harnesses for home appliances",
            "家電用ワイヤーハーネス",
            "家電用線束",
            "家电用线束",
            "가전용 와이어 하네스"
        ],
        true,
        ["PVC"],
        "pcs",
        (50_000, 500_000),
        None,
        Some("854442"),
        &[("UL", 0.3)]
    ),
    item!(
        "moto_harness",
        Some("AU4"),
        ["P13"],
        [
            "bộ dây điện xe máy",
            "motorcycle wiring harnesses",
            "二輪車用ワイヤーハーネス",
            "機車線束",
            "摩托车线束",
            "오토바이 와이어 하네스"
        ],
        true,
        ["AVSS"],
        "pcs",
        (50_000, 400_000),
        None,
        Some("854430"),
        NONE
    ),
    item!(
        "engine_bracket",
        Some("AU1"),
        ["P03", "P01"],
        [
            "giá đỡ động cơ nhôm",
            "aluminium engine brackets",
            "アルミエンジンブラケット",
            "鋁合金引擎支架",
            "铝合金发动机支架",
            "알루미늄 엔진 브래킷"
        ],
        false,
        ["ADC12"],
        "pcs",
        (20_000, 150_000),
        Some((20, 50)),
        Some("840991"),
        &[("IATF16949", 0.7)]
    ),
    item!(
        "brake_part",
        Some("AU2"),
        ["P03", "P01"],
        [
            "càng phanh nhôm",
            "aluminium brake calipers",
            "アルミブレーキキャリパー",
            "鋁合金煞車卡鉗",
            "铝合金刹车卡钳",
            "알루미늄 브레이크 캘리퍼"
        ],
        false,
        ["A356"],
        "pcs",
        (10_000, 100_000),
        Some((10, 30)),
        Some("870830"),
        IATF
    ),
    item!(
        "seat_frame",
        Some("AU5"),
        ["P05", "P10"],
        ["khung ghế ô tô", "car seat frames", "シートフレーム", "汽車座椅骨架", "汽车座椅骨架", "자동차 시트 프레임"],
        false,
        ["STKM11A"],
        "pcs",
        (20_000, 100_000),
        None,
        Some("940199"),
        &[("IATF16949", 0.7)]
    ),
    item!(
        "gears",
        Some("ME3"),
        ["P01", "P09"],
        ["bánh răng thép SCM415", "SCM415 steel gears", "SCM415歯車", "SCM415齒輪", "SCM415齿轮", "SCM415 기어"],
        false,
        ["SCM415"],
        "pcs",
        (20_000, 200_000),
        Some((10, 20)),
        Some("848340"),
        NONE
    ),
    item!(
        "springs",
        Some("ME3"),
        ["P09"],
        [
            "lò xo nén inox",
            "stainless compression springs",
            "ステンレス圧縮ばね",
            "不鏽鋼壓縮彈簧",
            "不锈钢压缩弹簧",
            "스테인리스 압축 스프링"
        ],
        false,
        ["SUS304-WPB"],
        "pcs",
        (200_000, 2_000_000),
        None,
        Some("732020"),
        NONE
    ),
    item!(
        "bolts",
        Some("ME3"),
        ["P06", "P08"],
        ["bu lông cường độ cao", "high-tensile bolts", "高強度ボルト", "高強度螺栓", "高强度螺栓", "고장력 볼트"],
        false,
        ["SCM435"],
        "pcs",
        (500_000, 5_000_000),
        None,
        Some("731815"),
        NONE
    ),
    item!(
        "sprocket",
        Some("AU6"),
        ["P04", "P09"],
        [
            "nhông xích xe máy",
            "motorcycle sprockets",
            "二輪車用スプロケット",
            "機車鏈輪",
            "摩托车链轮",
            "오토바이 스프로킷"
        ],
        false,
        ["S45C"],
        "pcs",
        (50_000, 500_000),
        Some((20, 50)),
        Some("871410"),
        NONE
    ),
    item!(
        "moto_cover",
        Some("AU6"),
        ["P02", "P08"],
        [
            "ốp nhựa xe máy",
            "motorcycle plastic covers",
            "二輪車用樹脂カバー",
            "機車塑膠外殼件",
            "摩托车塑料外壳件",
            "오토바이 플라스틱 커버"
        ],
        false,
        ["PP", "ABS"],
        "pcs",
        (50_000, 500_000),
        Some((30, 50)),
        Some("871410"),
        NONE
    ),
    item!(
        "moto_diecast",
        Some("AU6"),
        ["P03", "P01"],
        [
            "nắp máy xe máy bằng nhôm",
            "aluminium motorcycle engine covers",
            "二輪車用アルミエンジンカバー",
            "機車鋁合金引擎蓋",
            "摩托车铝合金发动机盖",
            "오토바이 알루미늄 엔진 커버"
        ],
        false,
        ["ADC12"],
        "pcs",
        (30_000, 300_000),
        Some((30, 60)),
        Some("871410"),
        NONE
    ),
    item!(
        "injection_mould",
        Some("ME1"),
        ["P07"],
        [
            "khuôn cho chi tiết nhựa",
            "moulds for plastic parts",
            "樹脂部品用金型",
            "塑膠零件模具",
            "塑料零件模具",
            "플라스틱 부품 금형"
        ],
        true,
        ["NAK80", "P20"],
        "sets",
        (2, 20),
        Some((5, 10)),
        Some("848071"),
        NONE
    ),
    item!(
        "press_die",
        Some("ME2"),
        ["P07", "P11"],
        [
            "khuôn dập liên hoàn",
            "progressive press dies",
            "順送プレス金型",
            "連續沖壓模具",
            "连续冲压模具",
            "프로그레시브 금형"
        ],
        true,
        ["SKD11"],
        "sets",
        (2, 10),
        Some((5, 10)),
        Some("820730"),
        NONE
    ),
    item!(
        "jig_fixture",
        Some("ME2"),
        ["P01"],
        ["đồ gá kiểm tra", "inspection jigs and fixtures", "検査治具", "檢具治具", "检具治具", "검사 지그"],
        false,
        ["A5052"],
        "sets",
        (10, 100),
        Some((5, 20)),
        Some("846630"),
        NONE
    ),
    item!(
        "sand_casting",
        Some("ME4"),
        ["P06", "P01"],
        [
            "chi tiết gang cầu FCD450",
            "FCD450 ductile iron parts",
            "FCD450ダクタイル鋳鉄部品",
            "FCD450球墨鑄鐵件",
            "FCD450球墨铸铁件",
            "FCD450 구상흑연주철 부품"
        ],
        false,
        ["FCD450"],
        "pcs",
        (5_000, 50_000),
        None,
        Some("732599"),
        NONE
    ),
    item!(
        "forged_flange",
        Some("ME4"),
        ["P06", "P09"],
        ["mặt bích thép", "steel flanges", "鋼製フランジ", "鋼製法蘭", "钢制法兰", "강 플랜지"],
        false,
        ["S45C"],
        "pcs",
        (5_000, 50_000),
        None,
        Some("730791"),
        NONE
    ),
    item!(
        "plating_service",
        None,
        ["P08"],
        [
            "mạ kẽm chi tiết thép",
            "zinc plating of steel parts",
            "鋼部品の亜鉛めっき",
            "鋼件鍍鋅",
            "钢件镀锌",
            "강 부품 아연 도금"
        ],
        true,
        ["SPCC"],
        "pcs",
        (200_000, 2_000_000),
        None,
        None,
        &[("ROHS", 0.4)]
    ),
    item!(
        "heat_treatment_service",
        None,
        ["P09"],
        [
            "tôi cao tần trục thép",
            "induction hardening of steel shafts",
            "シャフトの高周波焼入れ",
            "軸類高週波淬火",
            "轴类高频淬火",
            "샤프트 고주파 열처리"
        ],
        true,
        ["S45C"],
        "pcs",
        (50_000, 500_000),
        None,
        None,
        NONE
    ),
    item!(
        "pcba",
        Some("EL2"),
        ["P12"],
        [
            "bo mạch điều khiển PCBA",
            "PCBA control boards",
            "制御基板（PCBA）",
            "PCBA控制板",
            "PCBA控制板",
            "PCBA 제어보드"
        ],
        true,
        ["FR-4"],
        "pcs",
        (20_000, 300_000),
        None,
        Some("853400"),
        &[("IPC-A-610", 0.4), ("ROHS", 0.4)]
    ),
    item!(
        "silicone_keypad",
        Some("EL5"),
        ["P14"],
        ["phím bấm silicone", "silicone keypads", "シリコンキーパッド", "矽膠按鍵", "硅胶按键", "실리콘 키패드"],
        false,
        ["Silicone"],
        "pcs",
        (50_000, 500_000),
        None,
        Some("401699"),
        &[("ROHS", 0.3)]
    ),
    item!(
        "rubber_gasket",
        Some("EL5"),
        ["P14"],
        ["gioăng EPDM", "EPDM gaskets", "EPDMパッキン", "EPDM墊片", "EPDM垫片", "EPDM 가스켓"],
        false,
        ["EPDM"],
        "pcs",
        (100_000, 1_000_000),
        None,
        Some("401693"),
        NONE
    ),
    item!(
        "motor_lamination",
        Some("ME6"),
        ["P04"],
        ["lá thép stato", "stator laminations", "ステータコア", "定子矽鋼片", "定子硅钢片", "고정자 코어"],
        false,
        ["50JN470"],
        "pcs",
        (200_000, 2_000_000),
        Some((10, 30)),
        Some("850300"),
        NONE
    ),
    item!(
        "battery_pack",
        Some("EL3"),
        ["P10", "P12"],
        [
            "bộ pin lithium-ion",
            "lithium-ion battery packs",
            "リチウムイオン電池パック",
            "鋰電池組",
            "锂电池组",
            "리튬이온 배터리 팩"
        ],
        false,
        ["NMC 18650"],
        "pcs",
        (5_000, 50_000),
        None,
        Some("850760"),
        NONE
    ),
    item!(
        "speaker",
        Some("EL6"),
        [],
        ["loa mini", "micro speakers", "マイクロスピーカー", "微型喇叭", "微型扬声器", "마이크로 스피커"],
        false,
        ["NdFeB"],
        "pcs",
        (100_000, 1_000_000),
        None,
        Some("851829"),
        &[("ROHS", 0.5)]
    ),
    item!(
        "led_heatsink",
        Some("ME4"),
        ["P03", "P08"],
        [
            "tản nhiệt nhôm cho đèn LED",
            "aluminium LED heat sinks",
            "LED用アルミヒートシンク",
            "LED鋁散熱器",
            "LED铝散热器",
            "LED 알루미늄 방열판"
        ],
        false,
        ["ADC12"],
        "pcs",
        (20_000, 200_000),
        Some((50, 100)),
        Some("761699"),
        NONE
    ),
    item!(
        "medical_moulded",
        Some("HT3"),
        ["P02"],
        [
            "chi tiết nhựa y tế",
            "medical-grade plastic parts",
            "医療用樹脂部品",
            "醫療級塑膠零件",
            "医疗级塑料零件",
            "의료용 플라스틱 부품"
        ],
        false,
        ["PP", "PC"],
        "pcs",
        (100_000, 1_000_000),
        Some((10, 30)),
        Some("901890"),
        &[("ISO13485", 1.0)]
    ),
    item!(
        "medical_machined",
        Some("HT3"),
        ["P01", "P11"],
        [
            "chi tiết inox y tế SUS316L",
            "SUS316L medical components",
            "SUS316L医療用部品",
            "SUS316L醫療零件",
            "SUS316L医疗零件",
            "SUS316L 의료용 부품"
        ],
        false,
        ["SUS316L"],
        "pcs",
        (5_000, 50_000),
        Some((5, 10)),
        Some("901890"),
        &[("ISO13485", 1.0)]
    ),
    item!(
        "lens_holder",
        Some("HT3"),
        ["P01"],
        ["giá đỡ thấu kính", "lens holders", "レンズホルダー", "鏡頭座", "镜头座", "렌즈 홀더"],
        false,
        ["A6061"],
        "pcs",
        (20_000, 200_000),
        Some((5, 10)),
        Some("903190"),
        NONE
    ),
    item!(
        "woven_fabric",
        Some("TG3"),
        ["P15"],
        ["vải cotton dệt thoi", "cotton woven fabric", "綿織物", "棉梭織布", "棉梭织布", "면 직물"],
        false,
        ["cotton"],
        "m",
        (100_000, 1_000_000),
        None,
        Some("5208"),
        &[("OEKO-TEX-100", 0.6)]
    ),
    item!(
        "knit_fabric",
        Some("TG3"),
        ["P15"],
        [
            "vải polyester dệt kim",
            "polyester knitted fabric",
            "ポリエステルニット生地",
            "聚酯針織布",
            "涤纶针织布",
            "폴리에스터 니트 원단"
        ],
        false,
        ["polyester"],
        "kg",
        (20_000, 200_000),
        None,
        Some("6006"),
        &[("OEKO-TEX-100", 0.5)]
    ),
    item!(
        "zippers",
        Some("TG5"),
        [],
        ["khóa kéo nylon", "nylon zippers", "ナイロンファスナー", "尼龍拉鍊", "尼龙拉链", "나일론 지퍼"],
        false,
        ["nylon"],
        "pcs",
        (500_000, 5_000_000),
        None,
        Some("960719"),
        &[("OEKO-TEX-100", 0.4)]
    ),
    item!(
        "woven_labels",
        Some("TG5"),
        ["P17"],
        [
            "nhãn dệt và nhãn in",
            "woven and printed labels",
            "織ネーム・プリントラベル",
            "織嘜與印刷標籤",
            "织唛与印刷标签",
            "직조 라벨·인쇄 라벨"
        ],
        false,
        ["polyester"],
        "pcs",
        (1_000_000, 10_000_000),
        None,
        Some("5807"),
        &[("OEKO-TEX-100", 0.3)]
    ),
    item!(
        "buttons",
        Some("TG5"),
        ["P02"],
        ["cúc nhựa", "plastic buttons", "プラスチックボタン", "塑膠鈕扣", "塑料纽扣", "플라스틱 단추"],
        false,
        ["polyester"],
        "pcs",
        (1_000_000, 10_000_000),
        None,
        Some("960621"),
        &[("OEKO-TEX-100", 0.4)]
    ),
    item!(
        "eva_sole",
        Some("LF3"),
        ["P16"],
        ["đế giày EVA", "EVA outsoles", "EVAアウトソール", "EVA大底", "EVA大底", "EVA 아웃솔"],
        false,
        ["EVA"],
        "pcs",
        (200_000, 2_000_000),
        None,
        Some("640620"),
        NONE
    ),
    item!(
        "finished_leather",
        Some("LF1"),
        ["P16"],
        ["da bò thành phẩm", "finished cowhide leather", "牛革（仕上げ革）", "成品牛皮", "成品牛皮", "완제품 소가죽"],
        false,
        ["cowhide"],
        "m2",
        (50_000, 500_000),
        None,
        Some("4107"),
        &[("LWG", 0.6)]
    ),
    item!(
        "pu_leather",
        Some("LF2"),
        [],
        ["giả da PU", "PU synthetic leather", "PU合成皮革", "PU合成皮革", "PU合成革", "PU 합성피혁"],
        false,
        ["PU"],
        "m",
        (50_000, 500_000),
        None,
        Some("590320"),
        NONE
    ),
    item!(
        "eyelets",
        Some("LF5"),
        ["P04", "P08"],
        ["ô dê kim loại", "metal eyelets", "金属ハトメ", "金屬雞眼扣", "金属鸡眼扣", "금속 아일렛"],
        false,
        ["brass"],
        "pcs",
        (1_000_000, 10_000_000),
        None,
        Some("830810"),
        NONE
    ),
];

pub(crate) fn need_item(key: &str) -> Option<&'static NeedItem> {
    NEED_ITEMS.iter().find(|item| item.key == key)
}

/// Simplified-Chinese names of the processes, each one of the taxonomy's synonyms.
pub(crate) fn process_zh_hans(code: &str) -> &'static str {
    match code {
        "P01" => "数控加工",
        "P02" => "注塑",
        "P03" => "压铸",
        "P04" => "冲压",
        "P05" => "钣金",
        "P06" => "锻造、铸造",
        "P07" => "模具制造",
        "P08" => "电镀",
        "P09" => "热处理",
        "P10" => "焊接",
        "P11" => "磨削、线切割",
        "P12" => "SMT贴片",
        "P13" => "线束",
        "P14" => "橡胶成型",
        "P15" => "织造、染整",
        "P16" => "制革、鞋底",
        _ => "印刷包装",
    }
}

/// Korean names of the processes, each one of the taxonomy's synonyms.
pub(crate) fn process_ko(code: &str) -> &'static str {
    match code {
        "P01" => "CNC 가공",
        "P02" => "사출성형",
        "P03" => "다이캐스팅",
        "P04" => "프레스 가공",
        "P05" => "판금·레이저 절단",
        "P06" => "단조·주조",
        "P07" => "금형 제작",
        "P08" => "표면처리",
        "P09" => "열처리",
        "P10" => "용접",
        "P11" => "연삭·방전가공",
        "P12" => "SMT 실장",
        "P13" => "와이어 하네스",
        "P14" => "고무 성형",
        "P15" => "직조·염색",
        "P16" => "제혁·밑창 성형",
        _ => "인쇄·포장",
    }
}

/// A process term in a language, as the taxonomy (labels and synonyms) spells it.
/// Labels that are themselves lists ("Mạ, anod, sơn tĩnh điện") give way to one of
/// their synonyms, so that a list of processes reads as a list.
pub(crate) fn process_term(code: &str, language: Language) -> String {
    let Some(found) = process(code) else {
        return code.to_owned();
    };
    let short = match (language, code) {
        (Language::Vietnamese, "P05") => Some("cắt laser"),
        (Language::Vietnamese, "P08") => Some("xi mạ"),
        (Language::Vietnamese, "P11") => Some("mài"),
        (Language::Vietnamese, "P16") => Some("ép đế giày"),
        (Language::Vietnamese, "P17") => Some("in ấn"),
        (Language::English | Language::Thai, "P05") => Some("laser cutting"),
        (Language::English | Language::Thai, "P08") => Some("surface finishing"),
        (Language::English | Language::Thai, "P11") => Some("grinding"),
        (Language::English | Language::Thai, "P16") => Some("sole moulding"),
        (Language::English | Language::Thai, "P17") => Some("printing"),
        (Language::Japanese, "P08") => Some("めっき"),
        (Language::Japanese, "P11") => Some("研削"),
        (Language::Japanese, "P16") => Some("靴底成形"),
        (Language::Japanese, "P15") => Some("染色"),
        (Language::Japanese, "P17") => Some("印刷"),
        (Language::ChineseTraditional, "P08") => Some("電鍍"),
        (Language::ChineseTraditional, "P11") => Some("磨削"),
        (Language::ChineseTraditional, "P15") => Some("染整"),
        (Language::ChineseTraditional, "P16") => Some("鞋底成型"),
        _ => None,
    };
    if let Some(short) = short {
        return short.to_owned();
    }
    match language {
        Language::Vietnamese => lower_first(found.labels.vi),
        Language::English | Language::Thai => lower_first(found.labels.en),
        Language::Japanese => found.labels.ja.to_owned(),
        Language::ChineseTraditional => found.labels.zh_hant.to_owned(),
        Language::ChineseSimplified => process_zh_hans(code).to_owned(),
        Language::Korean => process_ko(code).to_owned(),
    }
}

/// Lower-cases the first letter unless the first word is an acronym ("CNC machining").
fn lower_first(text: &str) -> String {
    let first_word = text.split([' ', ',']).next().unwrap_or("");
    if first_word.chars().count() > 1 && !first_word.chars().any(char::is_lowercase) {
        return text.to_owned();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn item_name(item: &NeedItem, language: Language) -> &'static str {
    match language {
        Language::Vietnamese => item.names[0],
        Language::English | Language::Thai => item.names[1],
        Language::Japanese => item.names[2],
        Language::ChineseTraditional => item.names[3],
        Language::ChineseSimplified => item.names[4],
        Language::Korean => item.names[5],
    }
}

fn unit_word(unit: &str, language: Language) -> &'static str {
    use Language::*;
    match (unit, language) {
        ("pcs", Vietnamese) => " chiếc",
        ("pcs", Japanese) => "個",
        ("pcs", ChineseTraditional | ChineseSimplified) => "件",
        ("pcs", Korean) => "개",
        ("pcs", _) => " pcs",
        ("sets", Vietnamese) => " bộ",
        ("sets", Japanese) => "セット",
        ("sets", ChineseTraditional | ChineseSimplified) => "套",
        ("sets", Korean) => "세트",
        ("sets", _) => " sets",
        ("kg", _) => " kg",
        ("m", ChineseTraditional | ChineseSimplified) => "米",
        ("m", _) => " m",
        ("m2", ChineseTraditional | ChineseSimplified) => "平方米",
        ("m2", _) => " m²",
        _ => "",
    }
}

/// An industry as a buyer describes itself, in each language (en, ja, zh-Hant,
/// zh-Hans, ko, vi).
#[derive(Clone, Copy, Debug)]
pub(crate) struct IndustryNames {
    pub en: &'static str,
    pub ja: &'static str,
    pub zh_hant: &'static str,
    pub zh_hans: &'static str,
    pub ko: &'static str,
    pub vi: &'static str,
}

impl IndustryNames {
    pub(crate) fn get(&self, language: Language) -> &'static str {
        match language {
            Language::Vietnamese => self.vi,
            Language::English | Language::Thai => self.en,
            Language::Japanese => self.ja,
            Language::ChineseTraditional => self.zh_hant,
            Language::ChineseSimplified => self.zh_hans,
            Language::Korean => self.ko,
        }
    }
}

/// A need of a buyer of `industry`, written in `language`, about `item`.
pub(crate) fn need(
    rng: &mut Rng,
    item: &'static NeedItem,
    industry: &IndustryNames,
    language: Language,
    country: &str,
    require_iso9001: Option<bool>,
) -> DemoNeed {
    let mut required: Vec<&'static str> = Vec::new();
    let base = match country {
        "JP" => 0.8,
        "KR" | "TW" | "TH" => 0.7,
        _ => 0.5,
    };
    let textile = matches!(item.group, Some(group) if group.starts_with("TG") || group.starts_with("LF"));
    let iso9001 = require_iso9001.unwrap_or_else(|| chance(rng, if textile { 0.3 } else { base }));
    if iso9001 {
        required.push("ISO9001");
    }
    for (code, probability) in item.certs {
        if chance(rng, *probability) && !required.contains(code) {
            required.push(code);
        }
    }
    if !textile && chance(rng, if country == "JP" { 0.2 } else { 0.08 }) {
        required.push("ISO14001");
    }

    let volume = round_nicely(between(rng, item.volume.0, item.volume.1));
    let tolerance = item.tolerance.and_then(|(low, high)| {
        chance(rng, 0.8).then(|| {
            let value = between(rng, i64::from(low), i64::from(high));
            let value = if value >= 20 { value / 5 * 5 } else { value };
            i32::try_from(value).unwrap_or(low)
        })
    });
    let material = *pick(rng, item.materials);
    let hs_code = item.hs.filter(|_| chance(rng, 0.5)).map(str::to_owned);

    let text = NeedText { item, industry, language, material, volume, tolerance, certs: &required };
    let variant = between(rng, 0, 2);
    DemoNeed {
        title: text.title(variant),
        description: text.description(),
        language,
        product_group: item.group,
        processes: item.processes.to_vec(),
        hs_code,
        required_certifications: required,
        annual_volume: Some(volume),
        unit: Some(item.unit),
        tolerance_um: tolerance,
    }
}

struct NeedText<'a> {
    item: &'static NeedItem,
    industry: &'a IndustryNames,
    language: Language,
    material: &'static str,
    volume: i64,
    tolerance: Option<i32>,
    certs: &'a [&'static str],
}

impl NeedText<'_> {
    /// The item's processes as a list: "a, b và c", "a and b", "a・b", "a及b".
    fn processes(&self, separator: &str) -> String {
        let terms: Vec<String> = self.item.processes.iter().map(|code| process_term(code, self.language)).collect();
        let last = match self.language {
            Language::Vietnamese => " và ",
            Language::English | Language::Thai => " and ",
            Language::ChineseTraditional | Language::ChineseSimplified => "及",
            _ => separator,
        };
        match terms.split_last() {
            None => String::new(),
            Some((only, [])) => only.clone(),
            Some((final_term, rest)) => format!("{}{last}{final_term}", rest.join(separator)),
        }
    }

    fn cert_names(&self, separator: &str) -> String {
        self.certs.iter().filter_map(|code| certification(code).map(|c| c.name)).collect::<Vec<_>>().join(separator)
    }

    fn quantity(&self) -> String {
        let separator = if self.language == Language::Vietnamese { '.' } else { ',' };
        format!("{}{}", thousands(self.volume, separator), unit_word(self.item.unit, self.language))
    }

    fn title(&self, variant: i64) -> String {
        let item = item_name(self.item, self.language);
        let no_process = self.item.processes.is_empty() || self.item.self_named;
        match self.language {
            Language::Japanese => {
                let procs = self.processes("・");
                match (no_process, variant) {
                    (true, 0) => format!("{item}の調達"),
                    (true, _) => format!("{item}の現地サプライヤー募集"),
                    (false, 0) => format!("{procs}による{item}の調達"),
                    (false, 1) => format!("{item}（{procs}）の現地サプライヤー募集"),
                    (false, _) => format!("{procs}対応サプライヤー募集：{item}"),
                }
            }
            Language::ChineseTraditional => {
                let procs = self.processes("、");
                match (no_process, variant) {
                    (_, 2) if !self.certs.is_empty() => {
                        format!("採購{item}，需{}", self.cert_names("、"))
                    }
                    (true, _) => format!("尋找{item}供應商"),
                    (false, 0) => format!("需要{item}（{procs}）"),
                    (false, _) => format!("尋找{procs}供應商：{item}"),
                }
            }
            Language::ChineseSimplified => {
                let procs = self.processes("、");
                match (no_process, variant) {
                    (_, 2) if !self.certs.is_empty() => {
                        format!("采购{item}，需{}", self.cert_names("、"))
                    }
                    (true, _) => format!("寻找{item}供应商"),
                    (false, 0) => format!("采购{item}（{procs}）"),
                    (false, _) => format!("寻找{procs}供应商：{item}"),
                }
            }
            Language::Korean => {
                let procs = self.processes("·");
                match (no_process, variant) {
                    (true, _) => format!("{item} 공급업체 찾습니다"),
                    (false, 0) => format!("{procs} {item} 공급업체 찾습니다"),
                    (false, _) => format!("{item} {procs} 협력업체 모집"),
                }
            }
            Language::Vietnamese => {
                let procs = self.processes(", ");
                match (no_process, variant) {
                    (true, 0) => format!("Tìm nhà cung cấp {item}"),
                    (true, _) => format!("Cần đặt hàng {item} số lượng lớn"),
                    (false, 0) => format!("Tìm đối tác {procs} sản xuất {item}"),
                    (false, 1) => format!("Tìm nhà cung cấp {item} ({procs})"),
                    (false, _) => format!("Cần đặt hàng {item} – {procs}"),
                }
            }
            Language::English | Language::Thai => {
                let procs = self.processes(", ");
                match (no_process, variant) {
                    (true, 0) => format!("Sourcing {item}"),
                    (true, _) => format!("RFQ: {item}"),
                    (false, 0) => format!("Seeking {procs} supplier for {item}"),
                    (false, 1) => format!("RFQ: {item} ({procs})"),
                    (false, _) => format!("Looking for {item} made by {procs}"),
                }
            }
        }
    }

    fn description(&self) -> String {
        let item = item_name(self.item, self.language);
        let industry = self.industry.get(self.language);
        let has_processes = !self.item.processes.is_empty();
        let quantity = self.quantity();
        match self.language {
            Language::Japanese => {
                let mut text =
                    format!("当社は{industry}メーカーです。ベトナム工場向けに{item}を現地調達したいと考えています。");
                if has_processes {
                    text.push_str(&format!("工程：{}。", self.processes("・")));
                }
                text.push_str(&format!("材質：{}。年間数量：約{quantity}。", self.material));
                if let Some(tolerance) = self.tolerance {
                    text.push_str(&format!("公差：±{tolerance}µm。"));
                }
                if !self.certs.is_empty() {
                    text.push_str(&format!("{}の認証取得が必須です。", self.cert_names("、")));
                }
                text.push_str("見積依頼（RFQ）への対応とサンプル提出が可能な企業様を希望します。");
                text
            }
            Language::ChineseTraditional => {
                let mut text = format!("本公司為{industry}廠商，計畫在越南採購{item}。");
                if has_processes {
                    text.push_str(&format!("製程：{}。", self.processes("、")));
                }
                text.push_str(&format!("材質：{}。年需求量約{quantity}。", self.material));
                if let Some(tolerance) = self.tolerance {
                    text.push_str(&format!("公差±{tolerance}µm。"));
                }
                if !self.certs.is_empty() {
                    text.push_str(&format!("供應商須持有{}認證。", self.cert_names("、")));
                }
                text.push_str("歡迎具備量產能力的供應商提供報價。");
                text
            }
            Language::ChineseSimplified => {
                let mut text = format!("我司是{industry}企业，计划在越南采购{item}。");
                if has_processes {
                    text.push_str(&format!("工艺：{}。", self.processes("、")));
                }
                text.push_str(&format!("材质：{}。年需求量约{quantity}。", self.material));
                if let Some(tolerance) = self.tolerance {
                    text.push_str(&format!("公差±{tolerance}µm。"));
                }
                if !self.certs.is_empty() {
                    text.push_str(&format!("供应商须持有{}认证。", self.cert_names("、")));
                }
                text.push_str("欢迎有量产能力的供应商报价。");
                text
            }
            Language::Korean => {
                let mut text =
                    format!("당사는 {industry} 업체로, 베트남 공장에서 사용할 {item} 현지 조달처를 찾고 있습니다.");
                if has_processes {
                    text.push_str(&format!(" 공정: {}.", self.processes(", ")));
                }
                text.push_str(&format!(" 재질: {}. 연간 수량: 약 {quantity}.", self.material));
                if let Some(tolerance) = self.tolerance {
                    text.push_str(&format!(" 공차: ±{tolerance}µm."));
                }
                if !self.certs.is_empty() {
                    text.push_str(&format!(" {} 인증 보유가 필수입니다.", self.cert_names(", ")));
                }
                text.push_str(" 견적 및 샘플 대응이 가능한 업체를 찾습니다.");
                text
            }
            Language::Vietnamese => {
                let mut text = format!("Doanh nghiệp {industry} cần tìm nhà cung cấp {item} tại Việt Nam.");
                if has_processes {
                    text.push_str(&format!(" Công nghệ: {}.", self.processes(", ")));
                }
                text.push_str(&format!(" Vật liệu: {}. Sản lượng khoảng {quantity}/năm.", self.material));
                if let Some(tolerance) = self.tolerance {
                    text.push_str(&format!(" Dung sai: ±{tolerance} µm."));
                }
                if !self.certs.is_empty() {
                    text.push_str(&format!(" Yêu cầu nhà cung cấp có chứng nhận {}.", self.cert_names(", ")));
                }
                text.push_str(" Ưu tiên nhà cung cấp tại Hà Nội và các tỉnh lân cận, có khả năng làm mẫu nhanh.");
                text
            }
            Language::English | Language::Thai => {
                let mut text = format!(
                    "We are a manufacturer in {} looking for a supplier of {item} in Vietnam.",
                    lower_first(industry)
                );
                if has_processes {
                    text.push_str(&format!(" Processes: {}.", self.processes(", ")));
                }
                text.push_str(&format!(" Material: {}. Annual volume: about {quantity}.", self.material));
                if let Some(tolerance) = self.tolerance {
                    text.push_str(&format!(" Tolerance: ±{tolerance} µm."));
                }
                if !self.certs.is_empty() {
                    text.push_str(&format!(" The supplier must hold {} certification.", self.cert_names(" and ")));
                }
                text.push_str(" Please quote with lead time and a sample schedule.");
                text
            }
        }
    }
}
