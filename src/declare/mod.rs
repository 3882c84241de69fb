//! Declarations as data: the editions (a year's and a city's layout) and the
//! classification catalog. Built-in ones are the files under `data/`, embedded.

pub mod catalog;
pub mod edition;
pub mod template_sets;
