//! The rules model built from the generator's IR (`tc_codegen::ir`): what the CLI's build
//! script embeds and what the emulator checks requests against.

use tc_codegen::ir;

use crate::model::{
    ActionRules, Condition, Field, Limits, Literal, Rule, ServiceRules, Test, TestKind, Ty, Type,
    TypeKind,
};

/// The rules of every action of `service`, index for index with its actions and types.
pub fn service(service: &ir::Service) -> ServiceRules {
    ServiceRules {
        types: service.types.iter().map(named_type).collect(),
        actions: service
            .actions
            .iter()
            .map(|action| ActionRules {
                input: action.input.iter().map(field).collect(),
                rules: action.constraints.iter().map(rule).collect(),
            })
            .collect(),
    }
}

/// A member with its type and limits.
pub fn field(field: &ir::Field) -> Field {
    let limits = &field.limits;
    Field {
        name: field.wire_name.clone(),
        ty: ty(&field.ty),
        required: field.required,
        sensitive: field.sensitive,
        limits: Limits {
            min_length: limits.min_length,
            max_length: limits.max_length,
            minimum: limits.minimum,
            maximum: limits.maximum,
            min_items: limits.min_items,
            max_items: limits.max_items,
            allowed: limits
                .allowed
                .as_ref()
                .map(|values| values.iter().map(literal).collect()),
        },
    }
}

fn ty(ty: &ir::TypeRef) -> Ty {
    match ty {
        ir::TypeRef::Primitive(primitive) => match primitive {
            ir::Primitive::String => Ty::String,
            ir::Primitive::I64 => Ty::Int,
            ir::Primitive::U64 => Ty::Uint,
            ir::Primitive::Bool => Ty::Bool,
            ir::Primitive::F64 => Ty::Float,
            ir::Primitive::DateTime => Ty::DateTime,
            ir::Primitive::DateTimeIso => Ty::DateTimeIso,
            ir::Primitive::Date => Ty::Date,
        },
        ir::TypeRef::List(inner) => Ty::List(Box::new(self::ty(inner))),
        ir::TypeRef::Object(index) | ir::TypeRef::Enum(index) => Ty::Named(*index as u32),
    }
}

/// A structure or value set.
pub fn named_type(named: &ir::NamedType) -> Type {
    let kind = match &named.kind {
        ir::TypeKind::Object { fields, .. } => TypeKind::Object(fields.iter().map(field).collect()),
        ir::TypeKind::Enum { base, variants } => {
            let values = variants.iter().map(|variant| literal(&variant.value));
            match base {
                ir::EnumBase::String => TypeKind::Strings(
                    values
                        .filter_map(|value| match value {
                            Literal::String(s) => Some(s),
                            _ => None,
                        })
                        .collect(),
                ),
                ir::EnumBase::I64 | ir::EnumBase::U64 => TypeKind::Integers(
                    values
                        .filter_map(|value| match value {
                            Literal::Int(n) => Some(n),
                            Literal::Uint(n) => i64::try_from(n).ok(),
                            _ => None,
                        })
                        .collect(),
                ),
            }
        }
    };
    Type {
        name: named.wire_name.clone(),
        kind,
    }
}

/// A rule between members.
pub fn rule(constraint: &ir::Constraint) -> Rule {
    Rule {
        when: constraint.when.as_ref().map(condition),
        then: condition(&constraint.then),
        report: constraint.report.map(|field| field as u32),
        description: constraint.description.clone(),
    }
}

/// A condition of a rule.
pub fn condition(from: &ir::Condition) -> Condition {
    match from {
        ir::Condition::Member(test) => Condition::Member(Test {
            field: test.field as u32,
            kind: test_kind(&test.kind),
            default: test.default.as_ref().map(literal),
        }),
        ir::Condition::Common(ir::CommonParameter::Region, kind) => {
            Condition::Region(test_kind(kind))
        }
        ir::Condition::All(list) => Condition::All(list.iter().map(condition).collect()),
        ir::Condition::Any(list) => Condition::Any(list.iter().map(condition).collect()),
        ir::Condition::Not(inner) => Condition::Not(Box::new(condition(inner))),
    }
}

fn test_kind(kind: &ir::TestKind) -> TestKind {
    match kind {
        ir::TestKind::Present(wanted) => TestKind::Present(*wanted),
        ir::TestKind::In(values) => TestKind::In(values.iter().map(literal).collect()),
        ir::TestKind::NotIn(values) => TestKind::NotIn(values.iter().map(literal).collect()),
        ir::TestKind::Contains(values) => TestKind::Contains(values.iter().map(literal).collect()),
    }
}

/// A literal of the spec.
pub fn literal(literal: &ir::Literal) -> Literal {
    match literal {
        ir::Literal::String(s) => Literal::String(s.clone()),
        ir::Literal::I64(n) => Literal::Int(*n),
        ir::Literal::U64(n) => Literal::Uint(*n),
        ir::Literal::Bool(b) => Literal::Bool(*b),
    }
}
