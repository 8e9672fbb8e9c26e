//! Property tests: random valid documents round-trip through JSON; random
//! sequences of operations keep the invariants, every inverse restores the
//! exact previous document, and the history undoes and redoes them all.

use proptest::prelude::*;

use super::tests::{image, MEDIA};
use super::*;

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9 ,.!?'&<>-]{0,24}"
}

fn url() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "https://example.com/a?b=c".to_string(),
        "http://example.org".to_string(),
        "mailto:hello@example.com".to_string(),
        "tel:+441234567".to_string(),
        "/pricing".to_string(),
        "#contact".to_string(),
    ])
}

fn token<T: Copy + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = T> + Clone {
    prop::sample::select(all)
}

fn responsive<T: Copy + std::fmt::Debug + 'static>(
    values: impl Strategy<Value = T> + Clone,
) -> impl Strategy<Value = Responsive<T>> {
    (
        values.clone(),
        prop::option::of(values.clone()),
        prop::option::of(values),
    )
        .prop_map(|(desktop, tablet, mobile)| Responsive {
            desktop,
            tablet,
            mobile,
        })
}

fn style() -> impl Strategy<Value = Style> {
    (
        responsive(token(Spacing::ALL)),
        responsive(token(Align::ALL)),
        responsive(token(TextSize::ALL)),
        responsive(any::<bool>()),
        token(Tone::ALL),
        token(Width::ALL),
    )
        .prop_map(|(spacing, align, text_size, visible, tone, width)| Style {
            spacing,
            align,
            text_size,
            visible,
            tone,
            width,
        })
}

fn span() -> impl Strategy<Value = Span> {
    (
        text(),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(url()),
    )
        .prop_map(|(text, bold, italic, href)| Span {
            text,
            bold,
            italic,
            href: href.unwrap_or_default(),
        })
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        url().prop_map(|href| Target::Link { href }),
        Just(Target::Form)
    ]
}

fn leaf_props() -> impl Strategy<Value = BlockProps> {
    prop_oneof![
        (1u8..=3, text())
            .prop_map(|(level, text)| BlockProps::Heading(HeadingProps { level, text })),
        (
            prop::collection::vec(span(), 1..4),
            any::<bool>(),
            prop::collection::vec(span(), 1..3)
        )
            .prop_map(
                |(spans, ordered, item)| BlockProps::RichText(RichTextProps {
                    content: vec![
                        RichBlock::Paragraph { spans },
                        RichBlock::List {
                            ordered,
                            items: vec![ListItem { spans: item }]
                        }
                    ]
                })
            ),
        (text(), text()).prop_map(|(alt, caption)| BlockProps::Image(ImageProps {
            media: MEDIA.into(),
            alt,
            caption
        })),
        (text(), target(), token(ButtonVariant::ALL)).prop_map(|(label, target, variant)| {
            BlockProps::Button(ButtonProps {
                label,
                target,
                variant,
            })
        }),
        (text(), prop::option::of((text(), target())), any::<bool>()).prop_map(
            |(heading, cta, with_image)| BlockProps::Hero(HeroProps {
                heading,
                text: String::new(),
                cta: cta.map(|(label, target)| Cta { label, target }),
                image: with_image.then(|| image("Alt")),
            })
        ),
        (
            text(),
            prop::option::of(token(Icon::ALL)),
            responsive(1u8..=4)
        )
            .prop_map(
                |(title, icon, per_row)| BlockProps::FeatureGrid(FeatureGridProps {
                    heading: String::new(),
                    items: vec![Feature {
                        title,
                        text: "Why".into(),
                        icon
                    }],
                    per_row,
                })
            ),
        (text(), text()).prop_map(|(quote, author)| BlockProps::Testimonial(TestimonialProps {
            quote,
            author,
            role: String::new()
        })),
        (1u8..=12, prop::option::of(token(Methodology::ALL))).prop_map(|(max, methodology)| {
            BlockProps::CaseStudies(CaseStudiesProps {
                heading: String::new(),
                source: CaseStudySource::Filter {
                    industry_sic: "4791".into(),
                    methodology,
                },
                max,
            })
        }),
        prop::sample::select(BlockType::ALL)
            .prop_filter("a leaf", |t| *t != BlockType::Columns)
            .prop_map(BlockProps::default_for)
            .prop_filter("valid as dropped", |p| !matches!(
                p,
                BlockProps::Image(_) | BlockProps::LogoStrip(_) | BlockProps::Video(_)
            )),
        responsive(token(Spacing::ALL)).prop_map(|size| BlockProps::Spacer(SpacerProps { size })),
    ]
}

/// A tree shape with placeholder ids; [`number`] gives it unique ids.
fn leaf() -> impl Strategy<Value = Block> {
    (leaf_props(), style()).prop_map(|(props, style)| Block {
        id: "x".into(),
        props,
        style,
        columns: Vec::new(),
    })
}

fn any_block() -> impl Strategy<Value = Block> {
    prop_oneof![
        3 => leaf(),
        1 => (
            prop::collection::vec(prop::collection::vec(leaf(), 0..3), 1..=4),
            responsive(1u8..=4),
        )
            .prop_map(|(cols, per_row)| Block {
                id: "x".into(),
                props: BlockProps::Columns(ColumnsProps {
                    per_row,
                    gap: Spacing::S
                }),
                style: Style::default(),
                columns: cols
                    .into_iter()
                    .map(|blocks| Column {
                        id: "x".into(),
                        style: Style::default(),
                        blocks
                    })
                    .collect(),
            }),
    ]
}

fn document() -> impl Strategy<Value = Document> {
    (
        prop::collection::vec((style(), prop::collection::vec(any_block(), 0..5)), 0..4),
        text(),
        any::<bool>(),
        token(&["blue", "teal", "#a0b1c2"]),
    )
        .prop_map(|(sections, title, noindex, accent)| {
            let mut doc = Document {
                schema_version: SCHEMA_VERSION,
                settings: PageSettings {
                    title,
                    slug: "a-page".into(),
                    description: String::new(),
                    og_image: String::new(),
                    noindex,
                    accent: AccentColour(accent.into()),
                },
                sections: sections
                    .into_iter()
                    .map(|(style, blocks)| Section {
                        id: "x".into(),
                        style,
                        blocks,
                    })
                    .collect(),
            };
            number(&mut doc);
            doc
        })
}

/// Gives every node a unique id: `n1`, `n2`, … in document order.
fn number(doc: &mut Document) {
    let mut n = 0;
    let mut next = || {
        n += 1;
        NodeId::from(format!("n{n}").as_str())
    };
    for section in &mut doc.sections {
        section.id = next();
        for block in &mut section.blocks {
            block.id = next();
            for column in &mut block.columns {
                column.id = next();
                for inner in &mut column.blocks {
                    inner.id = next();
                }
            }
        }
    }
}

/// An op chosen by numbers, interpreted against the current document so most
/// ops make sense (and some are refused, which must change nothing).
#[derive(Debug, Clone)]
struct Seed {
    kind: u8,
    a: usize,
    b: usize,
    c: usize,
}

fn seed() -> impl Strategy<Value = Seed> {
    (0u8..10, any::<usize>(), any::<usize>(), any::<usize>()).prop_map(|(kind, a, b, c)| Seed {
        kind,
        a,
        b,
        c,
    })
}

/// Containers of each kind: the page, sections, columns blocks, columns.
struct Containers {
    all: Vec<Container>,
    sections: Vec<Container>,
    columns_blocks: Vec<Container>,
    block_holders: Vec<Container>,
}

fn containers(doc: &Document) -> Containers {
    let mut c = Containers {
        all: vec![Container::Page],
        sections: Vec::new(),
        columns_blocks: Vec::new(),
        block_holders: Vec::new(),
    };
    for (node, _) in doc.outline() {
        let here = Container::Node(node.id().clone());
        match node {
            NodeRef::Section(_) => {
                c.sections.push(here.clone());
                c.block_holders.push(here.clone());
            }
            NodeRef::Column(_) => c.block_holders.push(here.clone()),
            NodeRef::Block(b) if b.is_columns() => c.columns_blocks.push(here.clone()),
            NodeRef::Block(_) => continue,
        }
        c.all.push(here);
    }
    c
}

fn choose(list: &[Container], n: usize) -> Option<Container> {
    (!list.is_empty()).then(|| list[n % list.len()].clone())
}

fn make_op(
    doc: &Document,
    seed: &Seed,
    ids: &mut CounterIds,
    leaf_props: &BlockProps,
) -> Option<Op> {
    let outline = doc.outline();
    let pick = |n: usize| (!outline.is_empty()).then(|| outline[n % outline.len()].0.id().clone());
    let c = containers(doc);
    let anywhere = choose(&c.all, seed.b)?;
    let index = seed.c % 5;
    Some(match seed.kind {
        0 | 1 => {
            let mut block = doc.new_block(BlockType::Heading, ids);
            block.props = leaf_props.clone();
            Op::Insert {
                parent: choose(&c.block_holders, seed.b)?,
                index,
                node: Node::Block(block),
            }
        }
        2 => match seed.a % 3 {
            0 => Op::Insert {
                parent: Container::Page,
                index,
                node: Node::Section(doc.new_section(ids)),
            },
            1 => Op::Insert {
                parent: choose(&c.columns_blocks, seed.b)?,
                index,
                node: Node::Column(doc.new_column(ids)),
            },
            _ => Op::Insert {
                parent: choose(&c.sections, seed.b)?,
                index,
                node: Node::Block(doc.new_block(BlockType::Columns, ids)),
            },
        },
        3 => Op::Delete { id: pick(seed.a)? },
        4 => Op::Move {
            id: pick(seed.a)?,
            to: anywhere,
            index,
        },
        5 => {
            let id = pick(seed.a)?;
            let to = match doc.node(&id)? {
                NodeRef::Section(_) => Container::Page,
                NodeRef::Column(_) => choose(&c.columns_blocks, seed.b)?,
                NodeRef::Block(_) => choose(&c.block_holders, seed.b)?,
            };
            Op::Move { id, to, index }
        }
        6 => duplicate(doc, &pick(seed.a)?, ids).ok()?,
        7 => {
            let id = pick(seed.a)?;
            match doc.node(&id)? {
                NodeRef::Block(b) if b.block_type() == leaf_props.block_type() => Op::SetProps {
                    id,
                    props: leaf_props.clone(),
                },
                NodeRef::Block(b) if b.block_type() == BlockType::Heading => Op::SetProps {
                    id,
                    props: BlockProps::Heading(HeadingProps {
                        level: 1,
                        text: format!("Edited {}", seed.c),
                    }),
                },
                _ => Op::SetProps {
                    id,
                    props: BlockProps::Divider(DividerProps {}),
                },
            }
        }
        8 => {
            let id = pick(seed.a)?;
            let mut style = doc.node(&id)?.style().clone();
            style
                .spacing
                .set(Breakpoint::ALL[seed.b % 3], Spacing::ALL[seed.c % 6]);
            Op::SetStyle { id, style }
        }
        _ => {
            let mut settings = doc.settings.clone();
            settings.title = format!("Title {}", seed.c % 1000);
            settings.noindex = seed.b.is_multiple_of(2);
            Op::SetSettings { settings }
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_valid_document_round_trips_through_json(doc in document()) {
        prop_assert_eq!(validate(&doc), vec![]);
        let json = serde_json::to_string(&doc).unwrap();
        prop_assert_eq!(parse_document(&json), Ok(doc.clone()));
        let pretty = serde_json::to_string_pretty(&doc).unwrap();
        prop_assert_eq!(parse_document(&pretty), Ok(doc));
    }

    #[test]
    fn resolution_takes_the_nearest_set_breakpoint(r in responsive(0u8..10)) {
        prop_assert_eq!(r.resolve(Breakpoint::Desktop), r.desktop);
        prop_assert_eq!(r.resolve(Breakpoint::Tablet), r.tablet.unwrap_or(r.desktop));
        prop_assert_eq!(r.resolve(Breakpoint::Mobile), r.mobile.or(r.tablet).unwrap_or(r.desktop));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn operations_keep_the_invariants_and_undo_exactly(
        start in document(),
        seeds in prop::collection::vec((seed(), leaf_props()), 1..40),
    ) {
        let mut doc = start.clone();
        let mut ids = CounterIds::new("p");
        let mut history = History::new(1_000);
        let mut applied = 0u64;
        let mut now = 0u64;
        for (seed, props) in &seeds {
            let Some(op) = make_op(&doc, seed, &mut ids, props) else { continue };
            let before = doc.clone();
            match apply(&mut doc, op.clone()) {
                Ok(inverse) => {
                    prop_assert_eq!(check_structure(&doc), vec![], "after {:?}", op);
                    prop_assert_eq!(validate(&doc), vec![], "content stays valid after {:?}", op);
                    let mut undone = doc.clone();
                    let redo = apply(&mut undone, inverse.clone()).expect("an inverse applies");
                    prop_assert_eq!(&undone, &before, "the inverse of {:?} restores the document", op);
                    apply(&mut undone, redo).expect("a redo applies");
                    prop_assert_eq!(&undone, &doc);
                    applied += 1;
                    // Typing-like edits share a key so the history merges them.
                    let key = match &op {
                        Op::SetProps { id, .. } => Some(format!("props:{id}")),
                        Op::SetStyle { id, .. } => Some(format!("style:{id}")),
                        Op::SetSettings { .. } => Some("settings".to_string()),
                        _ => None,
                    };
                    now += (seed.c % 1_500) as u64;
                    history.record(inverse, key.as_deref(), now);
                }
                Err(_) => prop_assert_eq!(&doc, &before, "a refused op changes nothing: {:?}", op),
            }
        }
        prop_assert!(history.undo_len() as u64 <= applied);
        let end = doc.clone();
        while history.undo(&mut doc).expect("undo applies") {}
        prop_assert_eq!(&doc, &start, "undoing everything gives the starting document");
        while history.redo(&mut doc).expect("redo applies") {}
        prop_assert_eq!(&doc, &end, "redoing everything gives the edited document");
        let json = serde_json::to_string(&doc).unwrap();
        prop_assert_eq!(parse_document(&json), Ok(doc));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn grouped_typing_undoes_to_the_start_and_redoes_to_the_end(
        edits in prop::collection::vec((0usize..3, text(), 0u64..1_500, any::<bool>()), 1..60),
    ) {
        let start = super::tests::sample();
        let mut doc = start.clone();
        let mut history = History::default();
        let mut now = 0;
        for (target, typed, gap, seal) in edits {
            now += gap;
            let (op, key) = match target {
                0 => (
                    Op::SetProps {
                        id: "h1".into(),
                        props: BlockProps::Heading(HeadingProps { level: 2, text: typed }),
                    },
                    "props:h1",
                ),
                1 => {
                    let mut style = Style::default();
                    style.spacing.set(Breakpoint::Mobile, Spacing::ALL[typed.len() % 6]);
                    (Op::SetStyle { id: "h1".into(), style }, "style:h1")
                }
                _ => {
                    let mut settings = doc.settings.clone();
                    settings.title = typed;
                    (Op::SetSettings { settings }, "settings")
                }
            };
            let inverse = apply(&mut doc, op).unwrap();
            history.record(inverse, Some(key), now);
            if seal {
                history.seal();
            }
        }
        let end = doc.clone();
        while history.undo(&mut doc).unwrap() {}
        prop_assert_eq!(&doc, &start);
        while history.redo(&mut doc).unwrap() {}
        prop_assert_eq!(&doc, &end);
    }
}
