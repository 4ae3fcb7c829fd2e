//! Which cluster each token belongs to (the cluster of the name it is part of), once every
//! name is known (after `propagation`); the later passes read tokens through it.
//!
//! It must not know what the later passes make of tokens.

use super::state::Grouping;

impl Grouping<'_> {
    /// Records the cluster of the name each token is part of.
    pub(super) fn index_tokens(&mut self) {
        for (index, name) in self.names.iter().enumerate() {
            let first = self
                .tokens
                .partition_point(|token| token.span.start < name.span.start);
            for position in first..self.tokens.len() {
                if self.tokens[position].span.start >= name.span.end {
                    break;
                }
                self.token_owner[position] = Some(self.owner[index]);
            }
        }
    }
}
