//! Hercules CKD 3390 volume images: track format, VOL1, VTOC, physical
//! sequential and partitioned data sets, EBCDIC. Knows nothing of IMS.

pub mod alloc;
pub mod copy;
pub mod dataset;
pub mod dates;
pub mod dscb;
pub mod ebcdic;
pub mod geometry;
pub mod image;
pub mod names;
pub mod pds;
pub mod seq;
pub mod track;
pub mod vol1;
pub mod volume;

pub use alloc::{Space, SpaceUnit};
pub use dataset::{Block, DatasetInfo, Dcb};
pub use image::Access;
pub use pds::{DirEntry, IspfStats, MemberInfo, NewMember};
pub use volume::Volume;
