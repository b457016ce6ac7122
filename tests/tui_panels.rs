//! Every panel as the user sees it: text snapshots at 80x24 and 132x43,
//! colour maps in each theme at 80x24. Panels are reached by keys from
//! the primary menu, against a generated farm.

mod tui_support;

use imsclone::tui::panel::PanelLibrary;
use tui_support::{harness_for, reach, where_for};

const THEMES: [&str; 3] = ["ispf-classic", "high-contrast", "mono"];

fn check(panel: &str) {
    for (w, h) in [(80u16, 24u16), (132, 43)] {
        let at = where_for(panel);
        let mut x = harness_for(w, h, "ispf-classic", &at);
        if !reach(&mut x, panel) {
            // The total data set view is a 132-column panel.
            assert!(panel == "ICLDSLT" && w < 132, "{panel} not reachable at {w}x{h}");
            continue;
        }
        insta::assert_snapshot!(format!("{panel}_{w}x{h}"), x.text());
    }
    for theme in THEMES {
        let (w, h) = if panel == "ICLDSLT" { (132, 43) } else { (80, 24) };
        let at = where_for(panel);
        let mut x = harness_for(w, h, theme, &at);
        reach(&mut x, panel);
        insta::assert_snapshot!(format!("{panel}_{theme}_colours"), x.colours());
    }
}

macro_rules! panels {
    ($($name:ident => $panel:literal),* $(,)?) => {
        $(#[test] fn $name() { check($panel); })*

        /// Every built-in panel has a snapshot test above.
        #[test]
        fn every_panel_is_covered() {
            let tested = [$($panel),*];
            for p in PanelLibrary::built_in_names() {
                assert!(tested.contains(&p.as_str()), "panel {p} has no snapshot test");
            }
        }
    };
}

panels! {
    primary => "ICLPRIM",
    systems => "ICLSYS",
    system_detail => "ICLSYSD",
    volumes => "ICLVOL",
    volume_info => "ICLVOLI",
    dslist_prompt => "ICLDSLP",
    dslist_volume => "ICLDSL",
    dslist_space => "ICLDSLS",
    dslist_attrib => "ICLDSLA",
    dslist_total => "ICLDSLT",
    dataset_info => "ICLDSI",
    members => "ICLMEM",
    member_info => "ICLMEMI",
    browse => "ICLBRO",
    actions => "ICLACT",
    settings => "ICLSET",
    message_help => "ICLMSGH",
    help_primary => "ICLH0000",
    help_systems => "ICLH0100",
    help_volumes => "ICLH0200",
    help_datasets => "ICLH0300",
    help_members => "ICLH0310",
    help_browse => "ICLH0320",
    help_settings => "ICLH0900",
    databases => "ICLDB",
    database_datasets => "ICLDBD",
    recon => "ICLRCN",
    profiles => "ICLPRF",
    clone_profile => "ICLCLN",
    line_editor => "ICLEDT",
    review => "ICLREV",
    review_findings => "ICLRVF",
    review_renames => "ICLRVR",
    review_members => "ICLRVM",
    review_pairs => "ICLRVP",
    text_view => "ICLTXT",
    confirm => "ICLCNF",
    refresh_profile => "ICLRFP",
    refresh_pick => "ICLRFD",
    jobs => "ICLJOB",
    progress => "ICLPRG",
    help_databases => "ICLH0400",
    help_database_datasets => "ICLH0410",
    help_recon => "ICLH0500",
    help_profiles => "ICLH0600",
    help_clone_profile => "ICLH0610",
    help_line_editor => "ICLH0615",
    help_review => "ICLH0620",
    help_review_lists => "ICLH0630",
    help_confirm => "ICLH0640",
    help_refresh => "ICLH0700",
    help_jobs => "ICLH0800",
    help_progress => "ICLH0810",
    refresh_review => "ICLREVD",
    refresh_datasets => "ICLRVD",
    skeleton_review => "ICLREVK",
    skeleton_datasets => "ICLRVS",
    help_skeleton_review => "ICLH0650",
    help_skeleton_datasets => "ICLH0660",
    help_refresh_review => "ICLH0710",
    help_refresh_datasets => "ICLH0720",
}
