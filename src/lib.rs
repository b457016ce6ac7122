//! imsclone: clone IBM IMS systems and refresh IMS databases on a simulated
//! DASD farm of Hercules CKD 3390 volume images.
//!
//! The layers follow `DESIGN.md`: `dasd` (CKD images, VTOC, PS, PDS, EBCDIC)
//! knows nothing of IMS; `catalog` keeps ICF-like catalogs on volumes; `farm`
//! owns the directory, the device table and the lock; `ims` models and parses
//! IMS artefacts; `engine` plans and runs operations; `tui` and `cli` are the
//! two faces.

pub mod msg;

pub mod catalog;
pub mod cli;
pub mod dasd;
pub mod engine;
pub mod farm;
pub mod ims;
pub mod tui;

pub use msg::{IclError, Result, Severity};
