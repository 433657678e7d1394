//! A local Tencent Cloud endpoint.
