//! The privilege legend at the head of a memo, from the case's litigation
//! status and the writer's role: work product when litigation is pending or
//! anticipated (or the role is litigation), an attorney-client communication
//! when counselling a client, and none for policy analysis or teaching,
//! which no privilege protects.

use crate::model::{Case, Litigation, Role};

pub fn privilege_line(case: &Case) -> Option<&'static str> {
    let role = case.memo.as_ref().and_then(|m| m.role);
    if matches!(role, Some(Role::Policy | Role::Teaching)) {
        return None;
    }
    let work_product = role == Some(Role::Litigation)
        || matches!(
            case.litigation,
            Some(Litigation::Pending | Litigation::Anticipated)
        );
    let counselling = role == Some(Role::Counselling);
    match (counselling, work_product) {
        (true, true) => Some(
            "Privileged and confidential; attorney-client communication; attorney work product",
        ),
        (true, false) => Some("Privileged and confidential; attorney-client communication"),
        (false, true) => Some("Privileged and confidential; attorney work product"),
        (false, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MemoHeading;

    fn case(litigation: Option<Litigation>, role: Option<Role>) -> Case {
        let library = crate::Library::bundled().unwrap();
        let mut case = library
            .case(&crate::load::bundled_case("kadrey-v-meta").unwrap())
            .unwrap();
        case.litigation = litigation;
        case.memo = role.map(|role| MemoHeading {
            role: Some(role),
            ..MemoHeading::default()
        });
        case
    }

    #[test]
    fn the_legend_follows_role_and_litigation() {
        use Litigation::{Anticipated, Pending};
        let line = |l, r| privilege_line(&case(l, r));
        assert_eq!(line(None, None), None);
        assert_eq!(line(Some(Litigation::None), None), None);
        assert_eq!(
            line(Some(Pending), None),
            Some("Privileged and confidential; attorney work product")
        );
        assert_eq!(
            line(None, Some(Role::Litigation)),
            Some("Privileged and confidential; attorney work product")
        );
        assert_eq!(
            line(None, Some(Role::Counselling)),
            Some("Privileged and confidential; attorney-client communication")
        );
        assert_eq!(
            line(Some(Anticipated), Some(Role::Counselling)),
            Some(
                "Privileged and confidential; attorney-client communication; attorney work product"
            )
        );
        assert_eq!(line(Some(Pending), Some(Role::Teaching)), None);
        assert_eq!(line(Some(Pending), Some(Role::Policy)), None);
    }
}
