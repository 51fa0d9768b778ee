//! Company facts used by filters and matching.

use std::fmt;
use std::str::FromStr;

/// Whether an organisation sells (an exhibitor) or buys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrganisationKind {
    Supplier,
    Buyer,
}

impl OrganisationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Supplier => "supplier",
            Self::Buyer => "buyer",
        }
    }
}

impl FromStr for OrganisationKind {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "supplier" => Ok(Self::Supplier),
            "buyer" => Ok(Self::Buyer),
            other => Err(UnknownValue(other.to_owned())),
        }
    }
}

/// Size class by head count, as Decree 80/2021/ND-CP sets it for industry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CompanySize {
    Micro,
    Small,
    Medium,
    Large,
}

impl CompanySize {
    pub const ALL: [CompanySize; 4] = [Self::Micro, Self::Small, Self::Medium, Self::Large];

    /// Micro up to 10 staff, small up to 100, medium up to 200, large above.
    pub fn from_employees(employees: u32) -> Self {
        match employees {
            0..=10 => Self::Micro,
            11..=100 => Self::Small,
            101..=200 => Self::Medium,
            _ => Self::Large,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Micro => "micro",
            Self::Small => "small",
            Self::Medium => "medium",
            Self::Large => "large",
        }
    }
}

impl FromStr for CompanySize {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|size| size.as_str() == s).ok_or_else(|| UnknownValue(s.to_owned()))
    }
}

/// What the firm really does. Trading houses (VSIC 4652, 4659) often present
/// themselves as makers; the directory and matching tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BusinessType {
    Manufacturer,
    Trading,
    Service,
}

impl BusinessType {
    pub const ALL: [BusinessType; 3] = [Self::Manufacturer, Self::Trading, Self::Service];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Manufacturer => "manufacturer",
            Self::Trading => "trading",
            Self::Service => "service",
        }
    }

    /// VSIC wholesale codes mark a trading company whatever the firm calls itself.
    pub fn from_vsic(vsic: &str) -> Option<Self> {
        match vsic {
            v if v.starts_with("46") => Some(Self::Trading),
            v if v.starts_with("71") => Some(Self::Service),
            v if v.len() == 4 && (v.starts_with('1') || v.starts_with('2') || v.starts_with('3')) => {
                Some(Self::Manufacturer)
            }
            _ => None,
        }
    }
}

impl FromStr for BusinessType {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s).ok_or_else(|| UnknownValue(s.to_owned()))
    }
}

/// A stored or submitted value that is not one of a closed set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value `{0}`")]
pub struct UnknownValue(pub String);

impl fmt::Display for CompanySize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_classes_follow_decree_80() {
        assert_eq!(CompanySize::from_employees(10), CompanySize::Micro);
        assert_eq!(CompanySize::from_employees(11), CompanySize::Small);
        assert_eq!(CompanySize::from_employees(100), CompanySize::Small);
        assert_eq!(CompanySize::from_employees(200), CompanySize::Medium);
        assert_eq!(CompanySize::from_employees(201), CompanySize::Large);
    }

    #[test]
    fn wholesale_vsic_marks_a_trader() {
        assert_eq!(BusinessType::from_vsic("4659"), Some(BusinessType::Trading));
        assert_eq!(BusinessType::from_vsic("2593"), Some(BusinessType::Manufacturer));
        assert_eq!(BusinessType::from_vsic("7120"), Some(BusinessType::Service));
    }
}
