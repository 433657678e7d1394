//! Walking a list action page by page, for actions that take an offset and a page size and
//! answer with a total count and one list.
//!
//! Generated code implements [`Paginated`] for such requests and gives the service client
//! `<action>_pages` and `<action>_items` methods. A page is asked only once it is needed, and
//! only after the page before it arrived: a failed page ends the stream (after the client's own
//! retries of that one call), so no page is asked twice. [`Paginator::next_page`] can go on
//! after a failure, asking again only the page that failed.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

pub use futures_core::Stream;
use futures_util::stream::{self, StreamExt, TryStreamExt};

use crate::action::Action;
use crate::client::Client;
use crate::error::Error;

/// A request of a list action that can ask for any page.
pub trait Paginated: Action + 'static {
    /// One element of the answer's list.
    type Item: Send + 'static;
    /// The largest page size the spec allows, if it states one.
    const MAX_PAGE_SIZE: Option<u64> = None;

    /// The offset the request starts at (0 when unset).
    fn offset(&self) -> u64;
    /// The page size the request asks for, if set.
    fn page_size(&self) -> Option<u64>;
    /// Sets the offset and page size (`None` leaves the size to the service's default).
    fn set_page(&mut self, offset: u64, size: Option<u64>);
    /// The list and the total count of an answer.
    fn into_page(output: Self::Output) -> Page<Self::Item>;
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The elements of this page.
    pub items: Vec<T>,
    /// How many elements the whole list has, as the service counts them.
    pub total: Option<u64>,
}

/// A walk through the pages of one request. Made by [`Client::paginate`].
pub struct Paginator<A: Paginated> {
    client: Client,
    request: A,
    next_offset: u64,
    size: Option<u64>,
    done: bool,
}

impl<A: Paginated> fmt::Debug for Paginator<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("action", &A::NAME)
            .field("next_offset", &self.next_offset)
            .field("size", &self.size)
            .field("done", &self.done)
            .finish()
    }
}

impl Client {
    /// Walks the pages of `request`, from its offset on, in pages of its page size capped by
    /// the spec's largest (the largest when unset).
    pub fn paginate<A: Paginated>(&self, request: A) -> Paginator<A> {
        let size = match (request.page_size(), A::MAX_PAGE_SIZE) {
            (Some(size), Some(max)) => Some(size.min(max)),
            (size, max) => size.or(max),
        };
        Paginator {
            client: self.clone(),
            next_offset: request.offset(),
            size: size.map(|size| size.max(1)),
            request,
            done: false,
        }
    }
}

impl<A: Paginated> Paginator<A> {
    /// The offset of the next page to ask for.
    pub fn next_offset(&self) -> u64 {
        self.next_offset
    }

    /// The page size asked for: the request's, capped by the spec's largest (`None`: the
    /// service's default).
    pub fn page_size(&self) -> Option<u64> {
        self.size
    }

    /// The next page, or `None` after the last one.
    ///
    /// The walk ends after an empty page, a page shorter than the page size, or once the total
    /// count is reached. After an error the paginator stays on the page that failed, so calling
    /// again asks for that page only.
    pub async fn next_page(&mut self) -> Option<Result<Page<A::Item>, Error<A::ErrorCode>>> {
        if self.done {
            return None;
        }
        self.request.set_page(self.next_offset, self.size);
        let page = match self.client.call(&self.request).await {
            Ok(output) => A::into_page(output),
            Err(error) => return Some(Err(error)),
        };
        let count = page.items.len() as u64;
        if count == 0 {
            self.done = true;
            return None;
        }
        self.next_offset += count;
        let short = self.size.is_some_and(|size| count < size);
        let all = page.total.is_some_and(|total| self.next_offset >= total);
        self.done = short || all;
        Some(Ok(page))
    }

    /// The pages as a stream; it ends after the last page, or after the first error.
    pub fn pages(self) -> Pages<A> {
        let pages = stream::unfold(Some(self), |state| async move {
            let mut paginator = state?;
            let page = paginator.next_page().await?;
            let go_on = page.is_ok().then_some(paginator);
            Some((page, go_on))
        });
        Pages(Box::pin(pages))
    }

    /// The elements of every page as one stream; it ends after the last, or after an error.
    pub fn items(self) -> Items<A> {
        let items = self
            .pages()
            .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
            .try_flatten();
        Items(Box::pin(items))
    }
}

type Boxed<T, C> = Pin<Box<dyn Stream<Item = Result<T, Error<C>>> + Send>>;

/// The pages of a list action, as a stream. Made by [`Paginator::pages`].
pub struct Pages<A: Paginated>(Boxed<Page<A::Item>, A::ErrorCode>);

/// The elements of a list action, page after page, as a stream. Made by [`Paginator::items`].
pub struct Items<A: Paginated>(Boxed<A::Item, A::ErrorCode>);

impl<A: Paginated> Stream for Pages<A> {
    type Item = Result<Page<A::Item>, Error<A::ErrorCode>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_next_unpin(cx)
    }
}

impl<A: Paginated> Stream for Items<A> {
    type Item = Result<A::Item, Error<A::ErrorCode>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_next_unpin(cx)
    }
}

impl<A: Paginated> Pages<A> {
    /// The next page, without importing a stream trait; `None` after the last page.
    pub async fn next(&mut self) -> Option<Result<Page<A::Item>, Error<A::ErrorCode>>> {
        std::future::poll_fn(|cx| self.0.as_mut().poll_next(cx)).await
    }
}

impl<A: Paginated> Items<A> {
    /// The next element, without importing a stream trait; `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<A::Item, Error<A::ErrorCode>>> {
        std::future::poll_fn(|cx| self.0.as_mut().poll_next(cx)).await
    }
}

impl<A: Paginated> fmt::Debug for Pages<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pages").field(&A::NAME).finish()
    }
}

impl<A: Paginated> fmt::Debug for Items<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Items").field(&A::NAME).finish()
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::action::InvalidRequest;

    #[derive(Debug, Serialize)]
    struct List {
        offset: u64,
        limit: Option<u64>,
    }

    impl Action for List {
        const SERVICE: &'static str = "demo";
        const VERSION: &'static str = "2020-01-01";
        const NAME: &'static str = "DescribeThings";
        const RATE_LIMIT: Option<u32> = None;
        const RETRY_SAFE: bool = true;
        type Output = Vec<u8>;
        type ErrorCode = String;

        fn validate(&self) -> Result<(), InvalidRequest> {
            Ok(())
        }
    }

    impl Paginated for List {
        type Item = u8;
        const MAX_PAGE_SIZE: Option<u64> = Some(100);

        fn offset(&self) -> u64 {
            self.offset
        }

        fn page_size(&self) -> Option<u64> {
            self.limit
        }

        fn set_page(&mut self, offset: u64, size: Option<u64>) {
            self.offset = offset;
            self.limit = size;
        }

        fn into_page(output: Vec<u8>) -> Page<u8> {
            Page {
                items: output,
                total: None,
            }
        }
    }

    fn client() -> Client {
        let credentials = crate::Credentials::new("AKIDexample", "secret").expect("credentials");
        Client::builder()
            .credentials(credentials)
            .build()
            .expect("a client")
    }

    #[test]
    fn the_page_size_is_the_requests_capped_by_the_spec() {
        let client = client();
        let asked = |limit| client.paginate(List { offset: 7, limit }).page_size();
        assert_eq!(asked(Some(20)), Some(20));
        assert_eq!(asked(Some(5000)), Some(100));
        assert_eq!(asked(None), Some(100));
        assert_eq!(asked(Some(0)), Some(1));
        assert_eq!(
            client
                .paginate(List {
                    offset: 7,
                    limit: None
                })
                .next_offset(),
            7
        );
    }
}
