//! Which actions list a collection page by page: an offset and a page size in, a total count
//! and one list out. Found from member names, as Tencent Cloud's APIs name them.

use super::{Field, Primitive, TypeRef};

/// How an action's pages are asked for and read, by member index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pagination {
    /// The request's offset member (`Offset`), an index into `input`.
    pub offset: usize,
    /// The request's page size member (`Limit`), an index into `input`.
    pub limit: usize,
    /// The largest page size the spec allows (the page size member's maximum).
    pub max_limit: Option<u64>,
    /// The response's total count (`TotalCount`), an index into `output`.
    pub total: usize,
    /// The response's one list, an index into `output`.
    pub items: usize,
}

/// Names of the total count, most usual first.
const TOTALS: [&str; 3] = ["TotalCount", "Total", "TotalNum"];

impl Pagination {
    /// The pagination of an action with these members, if it has one: integer `Offset` and
    /// `Limit` members in the request, an integer total count and exactly one list in the
    /// response.
    pub fn detect(input: &[Field], output: &[Field]) -> Option<Pagination> {
        let position = |fields: &[Field], name: &str| {
            fields.iter().position(|field| {
                field.wire_name == name
                    && matches!(
                        field.ty,
                        TypeRef::Primitive(Primitive::I64 | Primitive::U64)
                    )
            })
        };
        let offset = position(input, "Offset")?;
        let limit = position(input, "Limit")?;
        let total = TOTALS.iter().find_map(|name| position(output, name))?;
        let mut lists = output
            .iter()
            .enumerate()
            .filter(|(_, field)| matches!(field.ty, TypeRef::List(_)));
        let (items, _) = lists.next()?;
        if lists.next().is_some() {
            return None;
        }
        let max_limit = input[limit]
            .limits
            .maximum
            .filter(|max| *max >= 1.0 && max.fract() == 0.0)
            .map(|max| max as u64);
        Some(Pagination {
            offset,
            limit,
            max_limit,
            total,
            items,
        })
    }
}
