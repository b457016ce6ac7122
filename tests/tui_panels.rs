//! Every panel as the user sees it: text snapshots at 80x24 and 132x43,
//! colour maps in each theme at 80x24. Panels are reached by keys from
//! the primary menu, against a generated farm.

mod tui_support;

use imsclone::tui::panel::PanelLibrary;
use tui_support::{Harness, OwnFarm, SAMPLE_REFRESH, default_options, harness_for, reach, where_for};

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

/// The panels a refresh and its rollback show, beyond the first state
/// of each panel above: the confirmations, the progress of the refresh and
/// of its rollback, the job list with both, at 80x24 and 132x43.
#[test]
fn refresh_run_and_rollback_panels() {
    let f = OwnFarm::new();
    let mut h = Harness::with(80, 24, f.options("ispf-classic"));
    h.cmd("7");
    h.set_field("PRFFILE", SAMPLE_REFRESH);
    h.enter();
    h.enter();
    assert_eq!(h.top(), "ICLREVD", "{}", h.text());
    h.cmd("3");
    insta::assert_snapshot!("ICLTXT_refresh_ims_80x24", h.text());
    h.pf(3);
    h.cmd("4");
    insta::assert_snapshot!("ICLTXT_refresh_dbrc_80x24", h.text());
    h.pf(3);
    h.cmd("RUN");
    insta::assert_snapshot!("ICLCNF_refresh_80x24", h.text());
    h.enter();
    h.wait_jobs();
    insta::assert_snapshot!("ICLPRG_refresh_80x24", h.text());
    let big = |h: &mut Harness, on: bool| {
        let (w, d) = if on { (132, 43) } else { (80, 24) };
        h.term.backend_mut().resize(w, d);
        h.app.resize(w, d);
        h.draw();
    };
    big(&mut h, true);
    insta::assert_snapshot!("ICLPRG_refresh_132x43", h.text());
    big(&mut h, false);
    h.cmd("=8");
    h.line(0, "u");
    h.enter();
    insta::assert_snapshot!("ICLCNF_rollback_80x24", h.text());
    h.enter();
    h.wait_jobs();
    insta::assert_snapshot!("ICLPRG_rollback_80x24", h.text());
    h.cmd("=8");
    // The journal's start time is the machine's clock: masked.
    let started = h.app.row_value(0, "STARTED").expect("a job row");
    assert_eq!(started.len(), 16, "{started}");
    let masked = |h: &Harness| h.text().replace(&started, "yyyy/mm/dd hh:mm");
    insta::assert_snapshot!("ICLJOB_refresh_80x24", masked(&h));
    big(&mut h, true);
    insta::assert_snapshot!("ICLJOB_refresh_132x43", masked(&h));
}

/// The confirmation of a skeleton clone's RUN.
#[test]
fn skeleton_confirmation() {
    let mut h = Harness::with(80, 24, default_options("ispf-classic"));
    tui_support::skeleton_review(&mut h, "SKELQ");
    h.cmd("RUN");
    insta::assert_snapshot!("ICLCNF_skeleton_80x24", h.text());
    h.pf(12);
    h.cmd("4");
    insta::assert_snapshot!("ICLTXT_skeleton_left_out_80x24", h.text());
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
