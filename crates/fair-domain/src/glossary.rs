//! A small multilingual glossary of the things supporting industries make and the
//! materials they use, so that a Japanese "ハウジング", a Chinese "外殼", a Korean
//! "하우징" and an English "housing" all meet a Vietnamese "vỏ". Search indexes every
//! concept found in a supplier's texts under all its terms (see `fair-search`), so a
//! need written in any language finds Vietnamese-only profiles without a downloaded
//! model. Process names live in the taxonomy; this holds products and materials.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::text::{fold, is_cjk, tokenize};

/// One concept and its names: Vietnamese, English, Japanese, Traditional Chinese,
/// Simplified Chinese, Korean (any order; all are equal).
struct Concept {
    terms: &'static [&'static str],
}

macro_rules! concepts {
    ($([$($term:literal),* $(,)?]),* $(,)?) => {
        &[$(Concept { terms: &[$($term),*] }),*]
    };
}

#[rustfmt::skip]
static CONCEPTS: &[Concept] = concepts![
    ["vỏ", "vỏ hộp", "vỏ bọc", "housing", "casing", "enclosure", "ハウジング", "筐体", "ケース", "外殼", "殼體", "外壳", "壳体", "하우징", "케이스"],
    ["nắp", "nắp đậy", "cover", "lid", "cap", "カバー", "蓋", "ふた", "蓋子", "盖子", "커버", "뚜껑"],
    ["giá đỡ", "pát", "bracket", "mounting bracket", "ブラケット", "支架", "브래킷"],
    ["trục truyền động", "trục thép", "trục inox", "trục chính xác", "shaft", "axle", "シャフト", "軸", "转轴", "샤프트", "축"],
    ["bánh răng", "gear", "ギア", "ギヤ", "歯車", "齒輪", "齿轮", "기어"],
    ["bu lông", "bulông", "vít", "ốc vít", "bolt", "screw", "fastener", "ボルト", "ねじ", "ネジ", "螺栓", "螺絲", "螺丝", "볼트", "나사"],
    ["đai ốc", "ê cu", "nut", "ナット", "螺帽", "螺母", "너트"],
    ["lò xo", "spring", "ばね", "バネ", "スプリング", "彈簧", "弹簧", "스프링"],
    ["ổ bi", "vòng bi", "bạc đạn", "bearing", "ベアリング", "軸受", "軸承", "轴承", "베어링"],
    ["bạc lót", "ống lót", "bushing", "sleeve", "ブッシュ", "襯套", "衬套", "부싱"],
    ["bo mạch", "bảng mạch", "mạch in", "pcb", "pcba", "circuit board", "基板", "プリント基板", "電路板", "线路板", "电路板", "기판", "인쇄회로기판"],
    ["dây cáp", "cáp điện", "dây điện", "cable", "wire", "power cord", "ケーブル", "電線", "電纜", "电缆", "线缆", "케이블", "전선"],
    ["đầu nối", "giắc cắm", "connector", "コネクタ", "コネクター", "連接器", "连接器", "커넥터"],
    ["bó dây", "harness", "ハーネス", "線束", "线束", "하네스"],
    ["khuôn", "khuôn mẫu", "mould", "mold", "press die", "stamping die", "金型", "模具", "금형"],
    ["nhựa", "plastic", "resin", "樹脂", "プラスチック", "塑膠", "塑料", "플라스틱", "수지"],
    ["nhôm", "aluminium", "aluminum", "アルミ", "アルミニウム", "鋁", "铝", "알루미늄"],
    ["thép", "steel", "鋼", "スチール", "鉄鋼", "钢", "강철", "스틸"],
    ["inox", "thép không gỉ", "stainless", "stainless steel", "ステンレス", "不鏽鋼", "不锈钢", "스테인리스"],
    ["đồng thau", "dây đồng", "đồng đỏ", "copper", "brass", "銅", "真鍮", "黃銅", "铜", "구리", "황동"],
    ["cao su", "rubber", "silicone", "ゴム", "シリコーン", "シリコン", "橡膠", "橡胶", "矽膠", "硅胶", "고무", "실리콘"],
    ["gioăng", "ron", "phớt", "gasket", "seal", "o-ring", "ガスケット", "パッキン", "シール", "墊片", "垫片", "密封件", "가스켓", "패킹"],
    ["vải dệt", "vải kỹ thuật", "vải không dệt", "vải dệt kim", "fabric", "textile", "cloth", "生地", "織物", "布料", "面料", "织物", "원단", "직물"],
    ["sợi", "yarn", "fibre", "fiber", "thread", "糸", "繊維", "紗線", "纱线", "纖維", "纤维", "원사", "섬유"],
    ["khóa kéo", "dây kéo", "zipper", "zip fastener", "ファスナー", "ジッパー", "拉鍊", "拉链", "지퍼"],
    ["cúc áo", "nút áo", "khuy", "button", "ボタン", "鈕扣", "纽扣", "단추"],
    ["nhãn mác", "nhãn dệt", "nhãn in", "label", "tag", "ラベル", "タグ", "標籤", "标签", "라벨"],
    ["da thuộc", "leather", "革", "レザー", "皮革", "가죽"],
    ["đế giày", "sole", "outsole", "靴底", "ソール", "鞋底", "밑창"],
    ["pin sạc", "pin lithium", "bộ pin", "ắc quy", "battery", "電池", "バッテリー", "电池", "배터리", "전지"],
    ["cảm biến", "sensor", "センサー", "センサ", "感測器", "感應器", "传感器", "센서"],
    ["động cơ", "mô tơ", "motor", "モーター", "モータ", "馬達", "電機", "电机", "모터"],
    ["loa", "speaker", "loudspeaker", "スピーカー", "喇叭", "揚聲器", "扬声器", "스피커"],
    ["màn hình", "display", "screen", "lcd", "ディスプレイ", "液晶", "顯示器", "螢幕", "显示屏", "디스플레이"],
    ["ống thép", "ống nhựa", "ống đồng", "ống cao su", "ống inox", "pipe", "tube", "hose", "パイプ", "チューブ", "ホース", "管材", "軟管", "软管", "파이프", "튜브"],
    ["tấm ốp", "panel", "パネル", "面板", "패널"],
    ["khung", "frame", "chassis", "フレーム", "框架", "車架", "车架", "프레임"],
    ["khay", "tray", "トレイ", "トレー", "托盤", "托盘", "트레이"],
    ["bao bì", "thùng carton", "packaging", "carton", "box", "梱包", "段ボール", "包裝", "紙箱", "包装", "纸箱", "포장", "박스"],
    ["phanh", "má phanh", "brake", "brake pad", "ブレーキ", "煞車", "刹车", "브레이크"],
    ["đèn led", "bóng đèn", "đèn chiếu sáng", "đèn pha", "đèn hậu", "lamp", "light", "lighting", "ランプ", "ライト", "照明", "燈具", "灯具", "램프", "조명"],
    ["ghế", "seat", "シート", "座席", "座椅", "시트"],
    ["lốp xe", "tyre", "tire", "タイヤ", "輪胎", "轮胎", "타이어"],
    ["piston", "pít tông", "ピストン", "活塞", "피스톤"],
    ["bơm", "pump", "ポンプ", "幫浦", "泵", "펌프"],
    ["van khí", "van nước", "van điện từ", "van bi", "valve", "バルブ", "閥門", "阀门", "밸브"],
    ["tản nhiệt", "heat sink", "heatsink", "ヒートシンク", "散熱片", "散热器", "방열판"],
    ["linh kiện", "chi tiết", "phụ tùng", "parts", "components", "component", "部品", "パーツ", "零件", "零組件", "部件", "零部件", "부품"],
    ["thuốc nhuộm", "dye", "dyestuff", "染料", "염료"],
    ["keo dán", "adhesive", "glue", "接着剤", "膠黏劑", "胶粘剂", "접착제"],
    ["thấu kính", "quang học", "lens", "optical", "レンズ", "光学", "鏡片", "光學", "镜片", "렌즈", "광학"],
    ["y tế", "medical", "医療", "醫療", "医疗", "의료"],
    ["xe máy", "motorcycle", "motorbike", "二輪", "バイク", "オートバイ", "機車", "摩托车", "오토바이"],
    ["ô tô", "automotive", "car", "vehicle", "自動車", "車載", "汽車", "汽车", "車用", "자동차"],
    ["máy in", "printer", "プリンター", "プリンタ", "印表機", "打印机", "프린터"],
    ["điều hòa", "máy lạnh", "air conditioner", "hvac", "エアコン", "空調", "冷氣", "空调", "에어컨"],
    ["camera", "máy ảnh", "カメラ", "相機", "攝影機", "摄像头", "카메라"],
    ["điện thoại", "smartphone", "phone", "スマートフォン", "スマホ", "携帯電話", "手機", "手机", "휴대폰", "스마트폰"],
    ["bộ sạc", "sạc", "charger", "充電器", "充电器", "충전기"],
    ["quạt", "fan", "扇風機", "ファン", "風扇", "风扇", "선풍기", "팬"],
    ["nồi cơm điện", "rice cooker", "炊飯器", "電鍋", "电饭煲", "밥솥"],
    ["máy giặt", "washing machine", "洗濯機", "洗衣機", "洗衣机", "세탁기"],
    ["tủ lạnh", "refrigerator", "fridge", "冷蔵庫", "冰箱", "냉장고"],
];

/// A concept of the glossary, by index.
pub type ConceptId = u16;

struct Index {
    /// Every term, folded, in one automaton.
    automaton: AhoCorasick,
    /// Per pattern: its concept and whether it is written in a script with spaces
    /// (then a match must stand as whole words).
    patterns: Vec<(ConceptId, bool)>,
    /// Every search token of every term of a concept (deduplicated).
    tokens: Vec<Vec<String>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut folded_terms = Vec::new();
        let mut patterns = Vec::new();
        let mut tokens = Vec::with_capacity(CONCEPTS.len());
        for (id, concept) in CONCEPTS.iter().enumerate() {
            let mut all: Vec<String> = Vec::new();
            for term in concept.terms {
                let folded = fold(term);
                let spaced = !folded.chars().any(is_cjk);
                folded_terms.push(folded);
                patterns.push((id as ConceptId, spaced));
                all.extend(tokenize(term));
            }
            all.sort();
            all.dedup();
            tokens.push(all);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&folded_terms)
            .expect("the glossary's terms form a valid automaton");
        Index { automaton, patterns, tokens }
    })
}

/// The concepts named in `text` (any language), in order of first appearance,
/// without repeats. Terms in scripts with spaces must stand as whole words;
/// Chinese, Japanese and Korean terms may stand inside longer runs.
pub fn concepts_in(text: &str) -> Vec<ConceptId> {
    let index = index();
    let folded = fold(text);
    let mut found = Vec::new();
    for hit in index.automaton.find_overlapping_iter(&folded) {
        let (concept, spaced) = index.patterns[hit.pattern().as_usize()];
        if found.contains(&concept) {
            continue;
        }
        if spaced {
            let before = folded[..hit.start()].chars().next_back();
            let after = folded[hit.end()..].chars().next();
            let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_cjk(c));
            if word_char(before) || word_char(after) {
                continue;
            }
        }
        found.push(concept);
    }
    found
}

/// Every search token of a concept's terms, in all languages.
pub fn concept_tokens(concept: ConceptId) -> &'static [String] {
    index().tokens.get(concept as usize).map_or(&[], Vec::as_slice)
}

/// Concepts in the glossary.
pub fn len() -> usize {
    CONCEPTS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concept_of(text: &str) -> Vec<ConceptId> {
        concepts_in(text)
    }

    #[test]
    fn the_same_thing_in_six_languages_is_one_concept() {
        let housing = concept_of("Vỏ nhựa ép phun ABS");
        for text in ["ABS housing", "ABS樹脂ハウジング", "鋁壓鑄外殼", "铝压铸外壳", "하우징 부품"]
        {
            let found = concept_of(text);
            assert!(found.contains(&housing[0]), "{text}: {found:?} vs {housing:?}");
        }
    }

    #[test]
    fn single_ideographs_match_inside_longer_runs() {
        let aluminium = concept_of("nhôm")[0];
        assert!(concept_of("鋁壓鑄外殼").contains(&aluminium));
        assert!(concept_of("알루미늄을 사용한 부품").contains(&aluminium));
    }

    #[test]
    fn words_must_stand_whole() {
        let bearing = concept_of("ổ bi")[0];
        assert!(!concept_of("ổ cắm bi").contains(&bearing));
        let car = concept_of("car")[0];
        assert!(!concept_of("carton box").contains(&car));
        assert!(!concept_of("màu đen").iter().any(|c| concept_tokens(*c).iter().any(|t| t == "lamp")));
        assert!(concept_tokens(bearing).iter().any(|t| t == "bearing"));
        assert!(concept_tokens(bearing).iter().any(|t| t == "軸承"));
    }

    #[test]
    fn every_term_tokenises_to_something() {
        for concept in CONCEPTS {
            for term in concept.terms {
                assert!(!tokenize(term).is_empty(), "{term}");
            }
        }
        assert!(len() > 50);
    }
}
