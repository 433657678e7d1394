mod demo {
    tc_macros::service!("tests/ui/specs/demo/2020-01-01.json");
}

fn main() {}
