mod demo {
    tc_macros::service!(spec / ssl);
}

fn main() {}
