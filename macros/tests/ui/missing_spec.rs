mod demo {
    tc_macros::service!("tests/ui/specs/nowhere.json");
}

fn main() {}
