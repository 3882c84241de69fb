//! The amounts of one 功能分类 项 as resolved: exact 元, one field per name of the
//! vocabulary (`crate::with_item_amounts!`), a name not written being zero.

use crate::base::money::Money;

macro_rules! item_amounts {
    ($($name:ident: $label:literal,)*) => {
        #[derive(Debug, Clone, Copy, Default, PartialEq)]
        pub struct ItemAmounts {
            $(#[doc = $label] pub $name: Money,)*
        }

        impl ItemAmounts {
            /// The amount of that name, if it is one of the vocabulary's.
            pub fn get(&self, name: &str) -> Option<Money> {
                match name {
                    $(stringify!($name) => Some(self.$name),)*
                    _ => None,
                }
            }

            /// The amount of that name to set, if it is one of the vocabulary's.
            pub fn get_mut(&mut self, name: &str) -> Option<&mut Money> {
                match name {
                    $(stringify!($name) => Some(&mut self.$name),)*
                    _ => None,
                }
            }
        }
    };
}

crate::with_item_amounts!(item_amounts);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_of_the_vocabulary_is_a_field() {
        let mut a = ItemAmounts::default();
        for (i, name) in crate::vocab::ITEM_AMOUNTS.iter().enumerate() {
            *a.get_mut(name).unwrap() = Money::from_yuan((i as i64 + 1).into());
        }
        for (i, name) in crate::vocab::ITEM_AMOUNTS.iter().enumerate() {
            assert_eq!(a.get(name), Some(Money::from_yuan((i as i64 + 1).into())));
        }
        assert_eq!(a.get("income_total"), None);
    }
}
