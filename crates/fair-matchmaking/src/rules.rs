//! The organisers' who-may-meet-whom rules, over plain data: the server reads them
//! from the database, the offline scheduler from its input file; both ask [`Rules::allow`].
//!
//! A rule matches a pair when each side it names matches: the buyer side by buyer id
//! and/or country, the supplier side by supplier id and/or sector (one of the sectors
//! of the supplier's catalogue). A matching `deny` rule forbids the pair. Once any
//! `allow` rule matches a buyer's side, that buyer is limited to the suppliers some
//! `allow` rule of theirs matches.

use fair_search::DirectoryDoc;
use uuid::Uuid;

use crate::score::Buyer;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Allow => "allow",
            Self::Deny => "deny",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "allow" => Some(Self::Allow),
            "deny" => Some(Self::Deny),
            _ => None,
        }
    }
}

/// One rule; a side left empty matches everyone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub effect: Effect,
    pub buyer: Option<Uuid>,
    /// ISO 3166-1 alpha-2 code.
    pub buyer_country: Option<String>,
    pub supplier: Option<Uuid>,
    /// A sector code of the taxonomy (`ME`, `EL`, …).
    pub supplier_sector: Option<String>,
}

impl Rule {
    fn buyer_side_matches(&self, buyer: &Buyer) -> bool {
        self.buyer.is_none_or(|id| id == buyer.id) && self.buyer_country.as_ref().is_none_or(|c| *c == buyer.country)
    }

    fn supplier_side_matches(&self, supplier: &DirectoryDoc) -> bool {
        self.supplier.is_none_or(|id| id == supplier.id)
            && self.supplier_sector.as_ref().is_none_or(|sector| supplier.sectors().contains(sector))
    }

    fn matches(&self, buyer: &Buyer, supplier: &DirectoryDoc) -> bool {
        self.buyer_side_matches(buyer) && self.supplier_side_matches(supplier)
    }
}

/// A fair's rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    rules: Vec<Rule>,
}

impl Rules {
    pub fn new(rules: Vec<Rule>) -> Self {
        Self { rules }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Whether the rules let the pair meet.
    pub fn allow(&self, buyer: &Buyer, supplier: &DirectoryDoc) -> bool {
        if self.rules.iter().any(|rule| rule.effect == Effect::Deny && rule.matches(buyer, supplier)) {
            return false;
        }
        let limited = self.rules.iter().any(|rule| rule.effect == Effect::Allow && rule.buyer_side_matches(buyer));
        !limited || self.rules.iter().any(|rule| rule.effect == Effect::Allow && rule.matches(buyer, supplier))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::DateTime;
    use fair_search::ProductDoc;

    use super::*;

    fn supplier(id: u128, group: &str) -> DirectoryDoc {
        DirectoryDoc {
            id: Uuid::from_u128(id),
            slug: format!("s{id}"),
            name: format!("S{id}"),
            name_en: None,
            headline: BTreeMap::new(),
            about: BTreeMap::new(),
            province: "ha-noi".to_owned(),
            industrial_park: None,
            website: None,
            employees: None,
            business_type: "manufacturer".to_owned(),
            export_markets: vec![],
            languages: vec![],
            staff_languages: vec![],
            hall: None,
            stand: None,
            online_booth: true,
            logo_url: None,
            view_count: 0,
            created_at: DateTime::UNIX_EPOCH,
            products: vec![ProductDoc {
                id: Uuid::from_u128(id << 8),
                name: BTreeMap::from([("vi".to_owned(), "x".to_owned())]),
                description: BTreeMap::new(),
                product_group: group.to_owned(),
                processes: vec![],
                hs_code: None,
                materials: vec![],
                moq: None,
                monthly_capacity: None,
                unit: None,
                tolerance_um: None,
            }],
            certifications: vec![],
        }
    }

    fn buyer(id: u128, country: &str) -> Buyer {
        Buyer { id: Uuid::from_u128(id), country: country.to_owned(), languages: vec![], needs: vec![] }
    }

    fn rule(effect: Effect) -> Rule {
        Rule { effect, buyer: None, buyer_country: None, supplier: None, supplier_sector: None }
    }

    #[test]
    fn deny_excludes_and_allow_limits_the_buyers_it_names() {
        let machining = supplier(1, "ME5");
        let electronics = supplier(2, "EL2");
        let japanese = buyer(10, "JP");
        let korean = buyer(11, "KR");
        assert!(Rules::default().allow(&japanese, &machining));

        let deny = Rules::new(vec![Rule { supplier: Some(machining.id), ..rule(Effect::Deny) }]);
        assert!(!deny.allow(&japanese, &machining));
        assert!(deny.allow(&japanese, &electronics));

        let only_electronics = Rules::new(vec![Rule {
            buyer_country: Some("JP".to_owned()),
            supplier_sector: Some("EL".to_owned()),
            ..rule(Effect::Allow)
        }]);
        assert!(!only_electronics.allow(&japanese, &machining));
        assert!(only_electronics.allow(&japanese, &electronics));
        // A buyer no allow rule names is not limited.
        assert!(only_electronics.allow(&korean, &machining));

        // Deny wins over allow.
        let both = Rules::new(vec![
            Rule { buyer: Some(japanese.id), ..rule(Effect::Allow) },
            Rule { buyer: Some(japanese.id), supplier: Some(electronics.id), ..rule(Effect::Deny) },
        ]);
        assert!(both.allow(&japanese, &machining));
        assert!(!both.allow(&japanese, &electronics));
    }
}
