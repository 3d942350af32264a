//! Signposting right in every UK nation and scheme: the letter's context (nation ×
//! service × sender) read from who sends it, the right body for every row of the route
//! table, and the cases that went wrong before (each asserted here).

mod common;

use common::cli::{run_in, stdout, temp_dir};
use letterlint::{
    Applicability, Config, Format, Linter, Nation, Report, Sector, Sender, Service, Source,
};

fn lint_with(config: Config, text: &str) -> Report {
    Linter::new(config)
        .unwrap()
        .lint(&Source::new("letter.txt", text, Format::Text))
}

fn lint(text: &str) -> Report {
    lint_with(Config::default(), text)
}

fn rules(r: &Report) -> Vec<&str> {
    r.diagnostics.iter().map(|d| d.rule.as_ref()).collect()
}

fn count(r: &Report, rule: &str) -> usize {
    rules(r).iter().filter(|x| **x == rule).count()
}

/// The text a rule's first fix inserts or writes.
fn fix_text(r: &Report, rule: &str) -> String {
    r.diagnostics
        .iter()
        .find(|d| &*d.rule == rule)
        .and_then(|d| d.fixes.first())
        .map(|f| f.edits.iter().map(|e| e.replacement.as_str()).collect())
        .unwrap_or_default()
}

/// A decision letter from `org` at `address`, about `topic`, with no signposting.
fn letter(org: &str, address: &str, topic: &str) -> String {
    format!(
        "{org}\n{address}\n\nMrs A Patel\n3 Mill Lane\n\nDear Mrs Patel,\n\nThank you for your complaint about {topic}. I have investigated it and I have decided to uphold it, because we did not do what we told you we would do. I am sorry that we did not.\n\nYours sincerely,\n\nJ Smith\nComplaints Manager, {org}\n"
    )
}

/// Every row of the route table: a letter from such a sender, in such a nation, about
/// such a service, is told to signpost the right body (and no other nation's).
#[test]
fn every_nation_service_and_sender_gets_its_right_body() {
    use Nation::*;
    use Sender::*;
    #[rustfmt::skip]
    let rows: &[(&str, &str, &str, Nation, Service, Sender, &str)] = &[
        ("Ashenby District Council", "Town Hall, Ashenby NE12 3AB", "missed bin collections", England, Service::LocalGovernment, Council, "Local Government and Social Care Ombudsman"),
        ("Calderbrook Borough Council Housing Services", "1 Civic Way, Calderbrook OL14 2PD", "the repairs to your tenancy and the damp and mould in your home", England, Service::Housing, Council, "Housing Ombudsman Service"),
        ("Marlstone Homes", "2 Quay Street, Bristol BS1 4DJ", "the repair to your boiler", England, Service::Housing, HousingAssociation, "Housing Ombudsman Service"),
        ("Westmere Hospitals NHS Foundation Trust", "Westmere Road, Leeds LS9 7TF", "your discharge from hospital", England, Service::Health, NhsTrust, "Parliamentary and Health Service Ombudsman"),
        ("Fernlea Medical Practice", "5 High Street, York YO1 7HH", "your repeat prescription", England, Service::Health, GpPractice, "Parliamentary and Health Service Ombudsman"),
        ("Larkhill Grange Care Home", "Larkhill, Norwich NR2 4AB", "the care your mother received", England, Service::SocialCare, CareProvider, "Local Government and Social Care Ombudsman"),
        ("Loch Arden Council", "Council Offices, Callander FK17 8AB", "missed bin collections", Scotland, Service::LocalGovernment, Council, "Scottish Public Services Ombudsman"),
        ("Clydeview Housing Association", "4 Dock Street, Glasgow G51 2AB", "anti-social behaviour near your home", Scotland, Service::Housing, HousingAssociation, "Scottish Public Services Ombudsman"),
        ("NHS Ochil and Carse Health Board", "Stirling FK8 1AB", "the delay in your referral", Scotland, Service::Health, HealthBoard, "Scottish Public Services Ombudsman"),
        ("Scottish Water", "Castle House, Dunfermline KY11 8GG", "the sewer flooding at your home", Scotland, Service::Water, WaterCompany, "Scottish Public Services Ombudsman"),
        ("Cwm Tawel County Council", "Civic Centre, Swansea SA1 3SN", "your blue badge application", Wales, Service::LocalGovernment, Council, "Public Services Ombudsman for Wales"),
        ("Tai Bro Alun Housing Association", "Wrexham LL11 1AB", "the adaptations to your home", Wales, Service::Housing, HousingAssociation, "Public Services Ombudsman for Wales"),
        ("Dyffryn Teifi University Health Board", "Aberystwyth SY23 1AB", "your wrist fracture", Wales, Service::Health, HealthBoard, "Public Services Ombudsman for Wales"),
        ("Plas Eithin Care Home", "Bangor LL57 2AB", "your father's medication", Wales, Service::SocialCare, CareProvider, "Public Services Ombudsman for Wales"),
        ("Slievebane District Council", "Council Offices, Newry BT35 6AB", "the bulky waste collection", Ni, Service::LocalGovernment, Council, "Northern Ireland Public Services Ombudsman"),
        ("Northern Ireland Housing Executive", "2 Adelaide Street, Belfast BT2 8PB", "the heating in your home", Ni, Service::Housing, HousingExecutive, "Northern Ireland Public Services Ombudsman"),
        ("Foyle and Sperrin HSC Trust", "Altnagelvin, Londonderry BT47 6SB", "your fall in the emergency department", Ni, Service::Health, NhsTrust, "Northern Ireland Public Services Ombudsman"),
        ("Harbourside Bank", "1 Quay Road, Leeds LS1 4AB", "the payment you sent", England, Service::Financial, Bank, "Financial Ombudsman Service"),
        ("Lothian Mutual Building Society", "Edinburgh EH2 4AB", "your mortgage arrears", Scotland, Service::Financial, Bank, "Financial Ombudsman Service"),
        ("Kingsmead Insurance", "Belfast BT1 5AB", "your claim for the escape of water", Ni, Service::Financial, Insurer, "Financial Ombudsman Service"),
        ("Brightfield Energy", "Manchester M1 4AB", "your back-billed gas and electricity", England, Service::Energy, EnergySupplier, "Energy Ombudsman"),
        ("Harbour Gas and Electric Energy", "Cardiff CF10 1AB", "your direct debit and your meter readings", Wales, Service::Energy, EnergySupplier, "Energy Ombudsman"),
        ("Lough Power Energy", "Belfast BT3 9AB", "your electricity bill", Ni, Service::Energy, EnergySupplier, "Consumer Council for Northern Ireland"),
        ("Ouse Derwent Water", "York YO30 4AB", "your water bill and the leak allowance", England, Service::Water, WaterCompany, "Consumer Council for Water"),
        ("Hargreaves Quayle Solicitors", "Liverpool L2 3AB", "the probate of your mother's estate", England, Service::Legal, Solicitors, "Legal Ombudsman"),
        ("MacLeod Law Solicitors", "Aberdeen AB10 1AB", "the conveyancing of your house", Scotland, Service::Legal, Solicitors, "Scottish Legal Complaints Commission"),
        ("Calverley Pension Scheme Trustees", "Leeds LS2 8AB", "your pension transfer value", England, Service::Pensions, PensionScheme, "Pensions Ombudsman"),
    ];
    let linter = Linter::new(Config::default()).unwrap();
    for (org, address, topic, nation, service, sender, body) in rows {
        let text = letter(org, address, topic);
        let r = linter.lint(&Source::new("l.txt", text.as_str(), Format::Text));
        let c = &r.context;
        assert_eq!(
            (c.nation, c.service, c.sender),
            (Some(*nation), Some(*service), Some(*sender)),
            "{org}: {}",
            c.describe()
        );
        let missing = r
            .diagnostics
            .iter()
            .find(|d| &*d.rule == "ombudsman-missing")
            .unwrap_or_else(|| panic!("{org}: no ombudsman-missing in {:?}", rules(&r)));
        assert!(missing.message.contains(body), "{org}: {}", missing.message);
        let inserted = fix_text(&r, "ombudsman-missing");
        assert!(inserted.contains(body), "{org}: {inserted}");
        // and the paragraph it inserts is then right: nothing more to say
        let fixed = linter.fix(
            &Source::new("l.txt", text.as_str(), Format::Text),
            Applicability::Manual,
        );
        let after = rules(&fixed.remaining);
        for rule in [
            "ombudsman-missing",
            "ombudsman-wrong-body",
            "ombudsman-no-contact",
            "ombudsman-no-time-limit",
        ] {
            assert!(
                !after.contains(&rule),
                "{org}: {rule} after the fix: {}",
                fixed.text
            );
        }
    }
}

#[test]
fn a_firm_in_one_of_two_schemes_is_asked_which_and_either_is_right() {
    for (org, topic, schemes) in [
        (
            "Glenlink Broadband",
            "your broadband outage",
            ["Communications Ombudsman", "CISAS"],
        ),
        (
            "Fairbourne Estate Agents",
            "the commission on the sale of your property",
            ["Property Ombudsman", "Property Redress"],
        ),
    ] {
        let r = lint(&letter(org, "1 High Street, Leeds LS1 1AB", topic));
        let inserted = fix_text(&r, "ombudsman-missing");
        assert!(
            inserted.contains("[[") && inserted.contains(schemes[0]),
            "{inserted}"
        );
        for scheme in schemes {
            let text = letter(org, "1 High Street, Leeds LS1 1AB", topic).replace(
                "Yours sincerely",
                &format!("If you remain unhappy, you can refer your complaint to the {scheme}, free of charge, within 12 months of the date of this letter, at www.example-scheme.org.uk.\n\nYours sincerely"),
            );
            let r = lint(&text);
            assert!(
                !rules(&r).contains(&"ombudsman-wrong-body"),
                "{scheme}: {:?}",
                rules(&r)
            );
            assert!(
                !rules(&r).contains(&"ombudsman-missing"),
                "{scheme}: {:?}",
                rules(&r)
            );
        }
    }
}

const SPSO_PARAGRAPH: &str = "If you remain dissatisfied, you can ask the Scottish Public Services Ombudsman (SPSO) to look at your complaint. You can contact the SPSO at www.spso.org.uk or on 0800 377 7330. The SPSO cannot normally look at complaints more than 12 months after you became aware of the matter.";

#[test]
fn a_scottish_council_letter_about_an_insurance_claim_is_a_council_letter() {
    let text = format!(
        "Roads Department\nLoch Arden Council\nCouncil Offices, Callander FK17 8AB\n\nDear Mr Ross,\n\nYour complaint was about how our insurance section handled your claim for the damage to your car from a pothole. Your insurance claim was passed to our insurer and the claims handler asked for your policy number and the premium you pay. I have decided to uphold your complaint because the claim took ten weeks to acknowledge. I am sorry that it did.\n\n{SPSO_PARAGRAPH}\n\nYours sincerely,\n\nA Fraser\nRoads Manager, Loch Arden Council\n"
    );
    let r = lint(&text);
    assert_eq!(
        r.context.nation,
        Some(Nation::Scotland),
        "{}",
        r.context.describe()
    );
    assert_eq!(r.context.sender, Some(Sender::Council));
    assert_eq!(r.context.service, Some(Service::LocalGovernment));
    assert_eq!(count(&r, "ombudsman-wrong-body"), 0, "{:?}", rules(&r));
    assert!(!fix_text(&r, "ombudsman-wrong-body").contains("Financial"));
}

#[test]
fn an_english_council_noise_complaint_gets_the_lgsco_not_the_housing_ombudsman() {
    let text = letter(
        "Tyne Vale Council Environmental Health",
        "Civic Centre, Newcastle NE1 8QH",
        "the noise nuisance from your neighbour's flat, which environmental health investigated",
    );
    let r = lint(&text);
    assert_eq!(
        r.context.service,
        Some(Service::LocalGovernment),
        "{}",
        r.context.describe()
    );
    let inserted = fix_text(&r, "ombudsman-missing");
    assert!(
        inserted.contains("Local Government and Social Care Ombudsman"),
        "{inserted}"
    );
    assert!(!inserted.contains("Housing Ombudsman"));
}

/// A Scottish council's letter with correct SPSO signposting, linted with `--sector
/// council`: one finding says what conflicts, no wrong-body findings, and no fix
/// inserts an English body.
#[test]
fn an_option_that_contradicts_the_letterhead_is_one_finding_not_wrong_bodies() {
    let signposted = letter(
        "Loch Arden Council",
        "Council Offices, Callander FK17 8AB",
        "missed bin collections",
    )
    .replace(
        "Yours sincerely",
        &format!("{SPSO_PARAGRAPH}\n\nYours sincerely"),
    );
    let config = || Config {
        sector: Some(Sector::Council),
        ..Config::default()
    };
    let r = lint_with(config(), &signposted);
    assert_eq!(count(&r, "context-conflict"), 1, "{:?}", rules(&r));
    assert_eq!(count(&r, "ombudsman-wrong-body"), 0, "{:?}", rules(&r));
    let bare = letter(
        "Loch Arden Council",
        "Council Offices, Callander FK17 8AB",
        "missed bin collections",
    );
    let r = lint_with(config(), &bare);
    let inserted = fix_text(&r, "ombudsman-missing");
    assert!(
        !inserted.contains("Local Government and Social Care"),
        "{inserted}"
    );
    assert!(!inserted.contains("Scottish Public Services"), "{inserted}");
}

#[test]
fn a_welsh_council_naming_the_lgsco_is_told_the_psow() {
    let text = letter("Cwm Tawel County Council", "Civic Centre, Swansea SA1 3SN", "your blue badge").replace(
        "Yours sincerely",
        "You can ask the Local Government and Social Care Ombudsman to review your complaint at www.lgo.org.uk within 12 months.\n\nYours sincerely",
    );
    let r = lint(&text);
    let d = r
        .diagnostics
        .iter()
        .find(|d| &*d.rule == "ombudsman-wrong-body")
        .unwrap();
    assert!(
        d.message.contains("Public Services Ombudsman for Wales"),
        "{}",
        d.message
    );
    assert!(fix_text(&r, "ombudsman-wrong-body").contains("www.ombudsman.wales"));
}

#[test]
fn a_care_home_signposting_the_lgsco_is_right() {
    let text = letter("Larkhill Grange Care Home", "Larkhill, Norwich NR2 4AB", "the care your mother received in our home").replace(
        "Yours sincerely",
        "You can ask the Local Government and Social Care Ombudsman to review your complaint at www.lgo.org.uk or on 0300 061 0614. You usually have up to 12 months to do this.\n\nYours sincerely",
    );
    let r = lint(&text);
    assert_eq!(
        count(&r, "ombudsman-wrong-body"),
        0,
        "{:?} {}",
        rules(&r),
        r.context.describe()
    );
}

#[test]
fn a_passing_mention_of_the_right_body_does_not_excuse_a_wrong_referral() {
    let text = letter("Calderbrook Borough Council Housing Services", "1 Civic Way, Calderbrook OL14 2PD", "the damp and mould in your home and the repairs").replace(
        "I have investigated it",
        "We handled it under our Housing Complaints Policy, which follows the Housing Ombudsman's Complaint Handling Code. I have investigated it",
    ).replace(
        "Yours sincerely",
        "If you remain unhappy, you can ask the Local Government and Social Care Ombudsman to review your complaint. The Ombudsman is independent and free. You can contact it at www.lgo.org.uk within 12 months.\n\nYours sincerely",
    );
    let r = lint(&text);
    assert_eq!(count(&r, "ombudsman-wrong-body"), 1, "{:?}", rules(&r));
}

#[test]
fn a_regulator_offered_instead_of_the_ombudsman_is_its_own_finding() {
    let text = letter("Pennine Motor Insurance", "Derby DE22 1ZT", "your motor insurance claim").replace(
        "Yours sincerely",
        "If you are not happy with our decision, you may refer the matter to our regulator:\n\nFinancial Conduct Authority\n12 Endeavour Square\nLondon E20 1JN\nwww.fca.org.uk\n\nYours sincerely",
    );
    let r = lint(&text);
    assert_eq!(count(&r, "escalation-not-ombudsman"), 1, "{:?}", rules(&r));
    assert_eq!(count(&r, "ombudsman-missing"), 0, "{:?}", rules(&r));
    assert!(fix_text(&r, "escalation-not-ombudsman").contains("Financial Ombudsman Service"));
    // beside the right body, a regulator is fine
    let both = text.replace(
        "If you are not happy",
        "You have the right to refer your complaint to the Financial Ombudsman Service, free of charge, within six months of the date of this letter, at www.financial-ombudsman.org.uk.\n\nIf you are not happy",
    );
    assert_eq!(count(&lint(&both), "escalation-not-ombudsman"), 0);
}

#[test]
fn welsh_names_are_recognised_and_a_welsh_letter_is_not_given_english() {
    let welsh = "Cyngor Sir Cwm Tawel\nCanolfan Ddinesig, Abertawe SA1 3SN\n\nAnnwyl Mrs Jones,\n\nDiolch am eich cwyn ynglŷn â'ch bathodyn glas. Rydym wedi ymchwilio i'ch cwyn ac rydym yn cytuno bod y gwasanaeth yn rhy araf. Mae'n ddrwg iawn gennym ein bod wedi oedi.\n\nOs ydych yn dal yn anfodlon, gallwch gwyno wrth Ombwdsmon Gwasanaethau Cyhoeddus Cymru o fewn 12 mis. Gwefan: www.ombwdsmon.cymru, ffôn 0300 790 0203.\n\nYn gywir,\n\nA Hughes\nRheolwr Cwynion\n";
    let r = lint(welsh);
    assert_eq!(r.context.nation, Some(Nation::Wales));
    for rule in [
        "ombudsman-missing",
        "ombudsman-wrong-body",
        "ombudsman-no-time-limit",
    ] {
        assert_eq!(count(&r, rule), 0, "{rule}: {:?}", rules(&r));
    }
    let unsigned = welsh.replace(
        "Os ydych yn dal yn anfodlon, gallwch gwyno wrth Ombwdsmon Gwasanaethau Cyhoeddus Cymru o fewn 12 mis. Gwefan: www.ombwdsmon.cymru, ffôn 0300 790 0203.\n\n",
        "",
    );
    let r = lint(&unsigned);
    let inserted = fix_text(&r, "ombudsman-missing");
    assert!(inserted.starts_with("[[Paragraff yn Gymraeg"), "{inserted}");
    assert!(!inserted.contains("If you remain unhappy"), "{inserted}");
}

#[test]
fn an_fca_template_that_names_the_fos_is_a_financial_letter() {
    let text = "Dear [Customer name],\n\nThank you for your complaint about [product]. We have not upheld it, because [reason].\n\nYou can refer your complaint to the Financial Ombudsman Service. You need to do this within six months from the date of this letter. Visit www.financial-ombudsman.org.uk or call 0800 023 4567.\n\nYours sincerely,\n\n[Name]\n";
    let r = lint(text);
    assert_eq!(
        r.context.service,
        Some(Service::Financial),
        "{}",
        r.context.describe()
    );
    assert_eq!(count(&r, "fos-referral-wording"), 1, "{:?}", rules(&r));
}

#[test]
fn schemes_for_energy_communications_water_legal_pensions_and_property_are_known() {
    for (org, topic, referral) in [
        ("Brightfield Energy", "your gas bill", "the Energy Ombudsman at www.energyombudsman.org or on 0330 440 1624, within 12 months of the date of this letter"),
        ("Orbital Mobile", "your roaming charges", "the Communications and Internet Services Adjudication Scheme (CISAS) at cisas.co.uk within 12 months of the date of this letter"),
        ("Ouse Derwent Water", "your water bill", "the Consumer Council for Water (CCW) at www.ccw.org.uk or on 0300 034 2222"),
        ("Hargreaves Quayle Solicitors", "the probate of the estate", "the Legal Ombudsman at www.legalombudsman.org.uk within six months of the date of this letter"),
        ("Calverley Pension Scheme Trustees", "your pension transfer", "The Pensions Ombudsman at www.pensions-ombudsman.org.uk within three years of the act complained about"),
        ("Tywi Lettings", "the holding deposit", "The Property Ombudsman at www.tpos.co.uk within 12 months of the date of this letter"),
    ] {
        let text = letter(org, "1 High Street, Leeds LS1 1AB", topic).replace(
            "Yours sincerely",
            &format!("If you remain unhappy, you can refer your complaint to {referral}.\n\nYours sincerely"),
        );
        let r = lint(&text);
        for rule in ["ombudsman-missing", "ombudsman-wrong-body", "escalation-not-ombudsman", "ombudsman-no-contact", "ombudsman-no-time-limit"] {
            assert_eq!(count(&r, rule), 0, "{org}: {rule}: {:?} ({})", rules(&r), r.context.describe());
        }
    }
}

#[test]
fn a_wrong_body_named_six_times_in_one_paragraph_is_one_finding() {
    let text = letter("Northway Finance", "Cardiff CF10 1AB", "your loan").replace(
        "Yours sincerely",
        "You can ask the Housing Ombudsman to look at this. The Housing Ombudsman is free. The Housing Ombudsman is independent. You can write to the Housing Ombudsman, phone the Housing Ombudsman or e-mail the Housing Ombudsman within six months.\n\nYours sincerely",
    );
    let r = lint(&text);
    assert_eq!(count(&r, "ombudsman-wrong-body"), 1, "{:?}", rules(&r));
    let fix = r
        .diagnostics
        .iter()
        .find(|d| &*d.rule == "ombudsman-wrong-body")
        .unwrap();
    assert_eq!(
        fix.fixes[0].edits.len(),
        6,
        "every mention renamed by the one fix"
    );
}

#[test]
fn human_output_says_what_was_inferred_and_json_gives_the_context() {
    let d = temp_dir();
    std::fs::write(
        d.join("l.txt"),
        letter(
            "Loch Arden Council",
            "Council Offices, Callander FK17 8AB",
            "missed bins",
        ),
    )
    .unwrap();
    let o = run_in(&d, &["check", "l.txt"]);
    let first = stdout(&o).lines().next().unwrap_or_default().to_string();
    assert_eq!(
        first,
        "l.txt: decision letter; Scotland (postcode FK17 8AB in the letterhead); local-government (the usual service of the sender (council)); council (“Loch Arden Council” in the letterhead)"
    );
    let o = run_in(&d, &["check", "--format", "json", "l.txt"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let c = &v["files"][0]["context"];
    assert_eq!(c["nation"], "scotland");
    assert_eq!(c["service"], "local-government");
    assert_eq!(c["sender"], "council");
    assert_eq!(
        c["evidence"]["nation"],
        "postcode FK17 8AB in the letterhead"
    );
    // --nation and --service are options too
    let o = run_in(
        &d,
        &[
            "check",
            "--format",
            "json",
            "--nation",
            "wales",
            "--service",
            "housing",
            "l.txt",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"][0]["context"]["nation"], "wales");
    assert_eq!(v["files"][0]["context"]["service"], "housing");
}
