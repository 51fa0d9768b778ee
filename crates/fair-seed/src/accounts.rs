//! Demo sign-ins and e-mail addresses.
//!
//! The demo accounts are the same for every seed, so the credentials printed for a
//! presentation stay valid: two organisers, five exhibitor admins and one rep, four
//! buyers, all with one shared password.

use std::collections::BTreeSet;

use fair_domain::StaffRole;

use crate::{DemoAccount, DemoFair};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "cnht-demo-2026";

/// The mail domain of the demo accounts.
pub const DEMO_EMAIL_DOMAIN: &str = "demo.cnht.vn";

const VIETNAM: &str = "Asia/Ho_Chi_Minh";

/// Every address handed out in one fair, so none is used twice.
#[derive(Debug, Default)]
pub(crate) struct EmailBook {
    taken: BTreeSet<String>,
}

impl EmailBook {
    /// `local@domain`, or `local2@domain`, `local3@domain`... if that is taken.
    pub(crate) fn claim(&mut self, local: &str, domain: &str) -> String {
        let local = local.to_lowercase();
        let domain = domain.to_lowercase();
        let first = format!("{local}@{domain}");
        if self.taken.insert(first.clone()) {
            return first;
        }
        let mut suffix = 2u32;
        loop {
            let candidate = format!("{local}{suffix}@{domain}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            suffix += 1;
        }
    }
}

/// A demo sign-in on the demo domain.
pub(crate) fn demo_account(
    book: &mut EmailBook,
    local: &str,
    display_name: &str,
    preferred_language: &'static str,
    time_zone: &'static str,
) -> DemoAccount {
    DemoAccount {
        email: book.claim(local, DEMO_EMAIL_DOMAIN),
        display_name: display_name.to_owned(),
        password: DEMO_PASSWORD.to_owned(),
        preferred_language,
        time_zone,
    }
}

pub(crate) fn organisers(book: &mut EmailBook) -> Vec<DemoAccount> {
    vec![
        demo_account(book, "organiser", "Ban Tổ chức – Sở Công Thương Hà Nội", "vi", VIETNAM),
        demo_account(book, "operator", "Đơn vị vận hành Hội chợ CNHT", "vi", VIETNAM),
    ]
}

/// What a demo sign-in lets its holder do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoRole {
    Organiser,
    Exhibitor(StaffRole),
    Buyer,
}

/// A demo sign-in with its role and organisation, for printing credentials.
#[derive(Clone, Copy, Debug)]
pub struct DemoLogin<'a> {
    pub account: &'a DemoAccount,
    pub role: DemoRole,
    /// The supplier's or buyer's name; `None` for organisers.
    pub organisation: Option<&'a str>,
}

impl DemoFair {
    /// Every account that can sign in: organisers, then exhibitor staff, then buyers.
    pub fn logins(&self) -> Vec<DemoLogin<'_>> {
        let mut out: Vec<DemoLogin<'_>> = self
            .organisers
            .iter()
            .map(|account| DemoLogin { account, role: DemoRole::Organiser, organisation: None })
            .collect();
        for supplier in &self.suppliers {
            for staff in &supplier.staff {
                if let Some((account, role)) = &staff.account {
                    out.push(DemoLogin {
                        account,
                        role: DemoRole::Exhibitor(*role),
                        organisation: Some(&supplier.name),
                    });
                }
            }
        }
        for buyer in &self.buyers {
            for person in &buyer.people {
                if let Some(account) = &person.account {
                    out.push(DemoLogin { account, role: DemoRole::Buyer, organisation: Some(&buyer.company_name) });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claimed_addresses_are_unique_and_lower_case() {
        let mut book = EmailBook::default();
        assert_eq!(book.claim("Sales", "Example.VN"), "sales@example.vn");
        assert_eq!(book.claim("sales", "example.vn"), "sales2@example.vn");
        assert_eq!(book.claim("sales", "example.vn"), "sales3@example.vn");
    }
}
