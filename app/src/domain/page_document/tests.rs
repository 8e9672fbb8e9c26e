//! Fixtures, and tests of the tree queries, the operations and the history.

use super::*;

pub(super) const MEDIA: &str = "hero/0123456789abcdef0123456789abcdef";

pub(super) fn image(alt: &str) -> ImageRef {
    ImageRef {
        media: MEDIA.into(),
        alt: alt.into(),
    }
}

pub(super) fn block(id: &str, props: BlockProps) -> Block {
    Block {
        id: id.into(),
        props,
        style: Style::default(),
        columns: Vec::new(),
    }
}

pub(super) fn heading(id: &str, text: &str) -> Block {
    block(
        id,
        BlockProps::Heading(HeadingProps {
            level: 2,
            text: text.into(),
        }),
    )
}

pub(super) fn column(id: &str, blocks: Vec<Block>) -> Column {
    Column {
        id: id.into(),
        style: Style::default(),
        blocks,
    }
}

pub(super) fn columns(id: &str, cols: Vec<Column>) -> Block {
    Block {
        columns: cols,
        ..block(id, BlockProps::Columns(ColumnsProps::default()))
    }
}

pub(super) fn section(id: &str, blocks: Vec<Block>) -> Section {
    Section {
        id: id.into(),
        style: Style::default(),
        blocks,
    }
}

/// A valid document holding every block type.
pub(super) fn sample() -> Document {
    let link = |href: &str| Target::Link { href: href.into() };
    let mut styled = heading("h1", "Decisions backed by evidence");
    styled.style.align = Responsive {
        desktop: Align::Center,
        tablet: None,
        mobile: Some(Align::Start),
    };
    styled.style.tone = Tone::Accent;
    let hero = block(
        "hero",
        BlockProps::Hero(HeroProps {
            heading: "Grow with experiments".into(),
            text: "We measure what works.\nThen we scale it.".into(),
            cta: Some(Cta {
                label: "Book a call".into(),
                target: Target::Form,
            }),
            image: Some(image("A chart going up")),
        }),
    );
    let rich = block(
        "text",
        BlockProps::RichText(RichTextProps {
            content: vec![
                RichBlock::Paragraph {
                    spans: vec![
                        Span::plain("Read "),
                        Span {
                            text: "our guide".into(),
                            bold: true,
                            italic: true,
                            href: "/guides/ab-testing".into(),
                        },
                    ],
                },
                RichBlock::List {
                    ordered: true,
                    items: vec![ListItem {
                        spans: vec![Span::plain("First")],
                    }],
                },
            ],
        }),
    );
    let form = block("form", BlockProps::LeadForm(LeadFormProps::default()));
    let grid = block(
        "grid",
        BlockProps::FeatureGrid(FeatureGridProps {
            heading: "Why us".into(),
            items: vec![Feature {
                title: "Rigour".into(),
                text: String::new(),
                icon: Some(Icon::Flask),
            }],
            per_row: default_per_row(),
        }),
    );
    let cols = columns(
        "cols",
        vec![
            column(
                "col-a",
                vec![
                    block(
                        "img",
                        BlockProps::Image(ImageProps {
                            media: MEDIA.into(),
                            alt: "Our team".into(),
                            caption: "The team".into(),
                        }),
                    ),
                    block(
                        "btn",
                        BlockProps::Button(ButtonProps {
                            label: "Pricing".into(),
                            target: link("https://example.com/pricing"),
                            variant: ButtonVariant::Secondary,
                        }),
                    ),
                ],
            ),
            column(
                "col-b",
                vec![block(
                    "quote",
                    BlockProps::Testimonial(TestimonialProps {
                        quote: "They found 12% more revenue.".into(),
                        author: "Ana".into(),
                        role: "COO".into(),
                    }),
                )],
            ),
        ],
    );
    let mut second = section(
        "s2",
        vec![
            block(
                "logos",
                BlockProps::LogoStrip(LogoStripProps {
                    heading: String::new(),
                    logos: vec![image("Acme"), image("Globex")],
                }),
            ),
            block("faq", BlockProps::default_for(BlockType::Faq)),
            block(
                "cases",
                BlockProps::CaseStudies(CaseStudiesProps {
                    heading: String::new(),
                    source: CaseStudySource::Chosen {
                        slugs: vec!["cafe-chain-lifts-basket-size".into()],
                    },
                    max: 3,
                }),
            ),
            block(
                "cases2",
                BlockProps::CaseStudies(CaseStudiesProps {
                    heading: "Retail".into(),
                    source: CaseStudySource::Filter {
                        industry_sic: "4791".into(),
                        methodology: Some(Methodology::AbTest),
                    },
                    max: 6,
                }),
            ),
            block(
                "roi",
                BlockProps::RoiCalculator(RoiCalculatorProps::default()),
            ),
            block(
                "video",
                BlockProps::Video(VideoProps {
                    url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ".into(),
                    title: "How we work".into(),
                    poster: image("A workshop"),
                }),
            ),
            block("spacer", BlockProps::default_for(BlockType::Spacer)),
            block("divider", BlockProps::Divider(DividerProps {})),
        ],
    );
    second.style.tone = Tone::Muted;
    second.style.visible = Responsive {
        desktop: true,
        tablet: None,
        mobile: Some(false),
    };
    Document {
        schema_version: SCHEMA_VERSION,
        settings: PageSettings {
            title: "Free consultation".into(),
            slug: "free-consultation".into(),
            description: "Find out what moves your numbers.".into(),
            og_image: MEDIA.into(),
            noindex: true,
            accent: AccentColour("#0f766e".into()),
        },
        sections: vec![
            section("s1", vec![styled, hero, rich, grid, cols, form]),
            second,
        ],
    }
}

fn id(s: &str) -> NodeId {
    NodeId::from(s)
}

fn in_node(s: &str) -> Container {
    Container::Node(id(s))
}

#[test]
fn the_sample_is_valid_and_holds_every_block_type() {
    let doc = sample();
    assert_eq!(validate(&doc), vec![]);
    let types: std::collections::HashSet<BlockType> = doc.blocks().map(Block::block_type).collect();
    assert_eq!(types.len(), BlockType::ALL.len());
}

#[test]
fn queries_count_find_and_iterate_in_document_order() {
    let doc = sample();
    // 2 sections, 6 + 8 blocks in them, 2 columns, 3 blocks in the columns.
    assert_eq!(doc.node_count(), 2 + 14 + 2 + 3);
    let (node, location) = doc.find(&id("btn")).unwrap();
    assert!(matches!(node, NodeRef::Block(b) if b.block_type() == BlockType::Button));
    assert_eq!(location.path, "sections[0].blocks[4].columns[0].blocks[1]");
    assert_eq!(location.parent, in_node("col-a"));
    assert_eq!(location.index, 1);
    assert_eq!(location.depth, 4);
    assert_eq!(doc.locate(&id("s2")).unwrap().path, "sections[1]");
    assert!(doc.find(&id("nope")).is_none());
    let order: Vec<&str> = doc.blocks().map(|b| b.id.as_str()).take(8).collect();
    assert_eq!(
        order,
        ["h1", "hero", "text", "grid", "cols", "img", "btn", "quote"]
    );
    assert_eq!(doc.outline().len(), doc.node_count());
    assert!(doc.needs_script(), "the ROI calculator needs the island");
    assert_eq!(doc.first_form_id(), Some(&id("form")));
}

#[test]
fn a_blank_document_is_valid_and_new_blocks_get_fresh_ids() {
    let mut ids = CounterIds::new("n");
    let mut doc = Document::blank("Webinar", "webinar-signup", &mut ids);
    assert_eq!(validate(&doc), vec![]);
    assert_eq!(doc.sections[0].id.as_str(), "n1");
    let cols = doc.new_block(BlockType::Columns, &mut ids);
    assert_eq!(cols.columns.len(), 2);
    let section = doc.sections[0].id.clone();
    apply(
        &mut doc,
        Op::Insert {
            parent: Container::Node(section),
            index: 0,
            node: Node::Block(cols),
        },
    )
    .unwrap();
    // Every palette block with text is valid as dropped.
    for block_type in BlockType::ALL {
        let block = doc.new_block(*block_type, &mut ids);
        let needs_media = matches!(
            block_type,
            BlockType::Image | BlockType::LogoStrip | BlockType::Video
        );
        let column = doc.sections[0].blocks[0].columns[0].id.clone();
        let parent = if *block_type == BlockType::Columns {
            Container::Node(doc.sections[0].id.clone())
        } else {
            Container::Node(column)
        };
        apply(
            &mut doc,
            Op::Insert {
                parent,
                index: 0,
                node: Node::Block(block),
            },
        )
        .unwrap();
        assert_eq!(validate(&doc).is_empty(), !needs_media, "{block_type:?}");
        if needs_media {
            let id = doc.sections[0].blocks[0].columns[0].blocks[0].id.clone();
            let inverse = apply(&mut doc, Op::Delete { id });
            assert!(inverse.is_ok());
        }
    }
    assert!(check_structure(&doc).is_empty());
}

fn applies_and_undoes(doc: &mut Document, op: Op) -> Op {
    let before = doc.clone();
    let inverse = apply(doc, op).expect("op applies");
    assert!(
        check_structure(doc).is_empty(),
        "{:?}",
        check_structure(doc)
    );
    let after = doc.clone();
    let redo = apply(doc, inverse.clone()).expect("inverse applies");
    assert_eq!(*doc, before, "undo restores the document");
    apply(doc, redo).expect("redo applies");
    assert_eq!(*doc, after, "redo restores the edit");
    inverse
}

#[test]
fn insert_delete_and_their_inverses() {
    let mut doc = sample();
    let inverse = applies_and_undoes(
        &mut doc,
        Op::Insert {
            parent: in_node("col-b"),
            index: 1,
            node: Node::Block(heading("new", "New")),
        },
    );
    assert_eq!(inverse, Op::Delete { id: id("new") });
    assert_eq!(
        doc.locate(&id("new")).unwrap().path,
        "sections[0].blocks[4].columns[1].blocks[1]"
    );
    let inverse = applies_and_undoes(&mut doc, Op::Delete { id: id("cols") });
    assert!(matches!(inverse, Op::Insert { index: 4, .. }));
    assert!(
        doc.find(&id("col-a")).is_none(),
        "children go with their parent"
    );
    applies_and_undoes(&mut doc, Op::Delete { id: id("s1") });
    assert_eq!(doc.sections.len(), 1);
}

#[test]
fn moves_within_and_across_containers() {
    let mut doc = sample();
    applies_and_undoes(
        &mut doc,
        Op::Move {
            id: id("h1"),
            to: in_node("s1"),
            index: 2,
        },
    );
    assert_eq!(doc.sections[0].blocks[2].id.as_str(), "h1");
    // Out of a column into another section, and a section to the top.
    applies_and_undoes(
        &mut doc,
        Op::Move {
            id: id("btn"),
            to: in_node("s2"),
            index: 0,
        },
    );
    applies_and_undoes(
        &mut doc,
        Op::Move {
            id: id("s2"),
            to: Container::Page,
            index: 0,
        },
    );
    // A block from a section into a column of a later columns block: the
    // target's index shifts when the block is taken out.
    applies_and_undoes(
        &mut doc,
        Op::Move {
            id: id("hero"),
            to: in_node("col-b"),
            index: 0,
        },
    );
    assert_eq!(doc.locate(&id("hero")).unwrap().parent, in_node("col-b"));
    // Columns move between columns blocks.
    let mut other = columns("cols2", vec![column("col-c", vec![])]);
    other.id = id("cols2");
    applies_and_undoes(
        &mut doc,
        Op::Insert {
            parent: in_node("s2"),
            index: 0,
            node: Node::Block(other),
        },
    );
    applies_and_undoes(
        &mut doc,
        Op::Move {
            id: id("col-a"),
            to: in_node("cols2"),
            index: 1,
        },
    );
}

#[test]
fn containers_only_hold_what_they_may() {
    let mut doc = sample();
    let before = doc.clone();
    let refused = [
        (
            Op::Insert {
                parent: Container::Page,
                index: 0,
                node: Node::Block(heading("x", "X")),
            },
            OpError::NotAllowed("the page holds sections only"),
        ),
        (
            Op::Insert {
                parent: in_node("s1"),
                index: 0,
                node: Node::Section(section("x", vec![])),
            },
            OpError::NotAllowed("a section holds blocks (including columns blocks) only"),
        ),
        (
            Op::Insert {
                parent: in_node("col-a"),
                index: 0,
                node: Node::Block(columns("x", vec![column("y", vec![])])),
            },
            OpError::NotAllowed("a column cannot hold a columns block (columns do not nest)"),
        ),
        (
            Op::Insert {
                parent: in_node("h1"),
                index: 0,
                node: Node::Block(heading("x", "X")),
            },
            OpError::NotAContainer(id("h1")),
        ),
        (
            Op::Insert {
                parent: in_node("s1"),
                index: 0,
                node: Node::Block(heading("hero", "Taken")),
            },
            OpError::DuplicateId(id("hero")),
        ),
        (
            Op::Insert {
                parent: in_node("s1"),
                index: 0,
                node: Node::Block(heading("9bad", "Bad")),
            },
            OpError::InvalidId(id("9bad")),
        ),
        (
            Op::Insert {
                parent: in_node("s1"),
                index: 99,
                node: Node::Block(heading("x", "X")),
            },
            OpError::IndexOutOfRange { index: 99, len: 6 },
        ),
        (
            Op::Insert {
                parent: in_node("s1"),
                index: 0,
                node: Node::Block(columns("x", vec![])),
            },
            OpError::ColumnCount("a columns block holds 1 to 4 columns"),
        ),
        (
            Op::Move {
                id: id("cols"),
                to: in_node("col-a"),
                index: 0,
            },
            OpError::IntoItself,
        ),
        (
            Op::Move {
                id: id("h1"),
                to: in_node("s1"),
                index: 6,
            },
            OpError::IndexOutOfRange { index: 6, len: 5 },
        ),
        (Op::Delete { id: id("nope") }, OpError::NotFound(id("nope"))),
        (
            Op::SetProps {
                id: id("h1"),
                props: BlockProps::Divider(DividerProps {}),
            },
            OpError::TypeChanged {
                from: BlockType::Heading,
                to: BlockType::Divider,
            },
        ),
        (
            Op::SetProps {
                id: id("s1"),
                props: BlockProps::Divider(DividerProps {}),
            },
            OpError::NotABlock(id("s1")),
        ),
    ];
    for (op, expected) in refused {
        assert_eq!(apply(&mut doc, op.clone()), Err(expected), "{op:?}");
        assert_eq!(
            doc, before,
            "a refused op leaves the document as it was: {op:?}"
        );
    }
}

#[test]
fn columns_blocks_keep_one_to_four_columns() {
    let mut doc = sample();
    apply(&mut doc, Op::Delete { id: id("col-b") }).unwrap();
    assert!(matches!(
        apply(&mut doc, Op::Delete { id: id("col-a") }),
        Err(OpError::ColumnCount(_))
    ));
    let mut ids = CounterIds::new("c");
    for _ in 0..3 {
        let op = duplicate(&doc, &id("col-a"), &mut ids).unwrap();
        apply(&mut doc, op).unwrap();
    }
    let op = duplicate(&doc, &id("col-a"), &mut ids).unwrap();
    assert!(matches!(apply(&mut doc, op), Err(OpError::ColumnCount(_))));
}

#[test]
fn duplicate_gives_the_copy_and_its_children_fresh_ids() {
    let mut doc = sample();
    let mut ids = CounterIds::new("d");
    let op = duplicate(&doc, &id("cols"), &mut ids).unwrap();
    applies_and_undoes(&mut doc, op);
    let copy = &doc.sections[0].blocks[5];
    assert_eq!(copy.id.as_str(), "d1");
    assert_eq!(copy.columns[0].id.as_str(), "d2");
    assert_eq!(copy.columns[0].blocks[0].id.as_str(), "d3");
    assert_eq!(
        copy.columns[0].blocks[0].props,
        doc.sections[0].blocks[4].columns[0].blocks[0].props
    );
    assert_eq!(doc.node_count(), sample().node_count() + 6);
    // An id source that repeats itself still yields unused ids.
    struct Stuck;
    impl IdSource for Stuck {
        fn next_id(&mut self) -> NodeId {
            NodeId::from("hero")
        }
    }
    let op = duplicate(&doc, &id("h1"), &mut Stuck).unwrap();
    applies_and_undoes(&mut doc, op);
    assert!(check_structure(&doc).is_empty());
}

#[test]
fn set_props_style_and_settings_return_the_previous_value() {
    let mut doc = sample();
    let inverse = applies_and_undoes(
        &mut doc,
        Op::SetProps {
            id: id("h1"),
            props: BlockProps::Heading(HeadingProps {
                level: 1,
                text: "Changed".into(),
            }),
        },
    );
    assert!(matches!(
        inverse,
        Op::SetProps {
            props: BlockProps::Heading(HeadingProps { level: 2, .. }),
            ..
        }
    ));
    let mut style = Style::default();
    style.spacing.set(Breakpoint::Mobile, Spacing::None);
    applies_and_undoes(
        &mut doc,
        Op::SetStyle {
            id: id("col-a"),
            style,
        },
    );
    let mut settings = doc.settings.clone();
    settings.title = "New title".into();
    applies_and_undoes(&mut doc, Op::SetSettings { settings });
}

#[test]
fn the_node_limit_holds_for_inserts() {
    let mut doc = Document {
        schema_version: SCHEMA_VERSION,
        settings: PageSettings::new("Big", "big-page"),
        sections: vec![section(
            "s",
            (0..MAX_NODES - 1)
                .map(|i| heading(&format!("b{i}"), "x"))
                .collect(),
        )],
    };
    assert_eq!(doc.node_count(), MAX_NODES);
    let op = Op::Insert {
        parent: in_node("s"),
        index: 0,
        node: Node::Block(heading("one-more", "x")),
    };
    assert_eq!(
        apply(&mut doc, op),
        Err(OpError::TooManyNodes {
            count: MAX_NODES + 1
        })
    );
}

#[test]
fn apply_all_is_all_or_nothing() {
    let mut doc = sample();
    let before = doc.clone();
    let result = apply_all(
        &mut doc,
        vec![
            Op::Delete { id: id("h1") },
            Op::Delete { id: id("hero") },
            Op::Delete { id: id("h1") },
        ],
    );
    assert_eq!(result, Err(OpError::NotFound(id("h1"))));
    assert_eq!(doc, before);
    let undo = apply_all(
        &mut doc,
        vec![Op::Delete { id: id("h1") }, Op::Delete { id: id("hero") }],
    )
    .unwrap();
    apply_all(&mut doc, undo).unwrap();
    assert_eq!(doc, before);
}

fn set_heading(doc: &mut Document, text: &str) -> Op {
    apply(
        doc,
        Op::SetProps {
            id: id("h1"),
            props: BlockProps::Heading(HeadingProps {
                level: 2,
                text: text.into(),
            }),
        },
    )
    .unwrap()
}

#[test]
fn history_groups_typing_into_one_step_per_pause() {
    let original = sample();
    let mut doc = original.clone();
    let mut history = History::default();
    let mut now = 10_000;
    let mut typed = String::new();
    for c in "Hello".chars() {
        typed.push(c);
        let inverse = set_heading(&mut doc, &typed);
        history.record(inverse, Some("props:h1"), now);
        now += 200;
    }
    assert_eq!(history.undo_len(), 1, "one step for the word");
    let after_hello = doc.clone();
    now += MERGE_WINDOW_MS + 1; // a pause
    let inverse = set_heading(&mut doc, "Hello!");
    history.record(inverse, Some("props:h1"), now);
    assert_eq!(history.undo_len(), 2);
    let inverse = apply(&mut doc, Op::Delete { id: id("hero") }).unwrap();
    history.record(inverse, None, now + 10);
    assert_eq!(
        history.undo_len(),
        3,
        "structural edits are steps of their own"
    );

    assert!(history.undo(&mut doc).unwrap());
    assert!(history.undo(&mut doc).unwrap());
    assert_eq!(doc, after_hello);
    assert!(history.undo(&mut doc).unwrap());
    assert_eq!(doc, original);
    assert!(!history.undo(&mut doc).unwrap());
    assert!(history.redo(&mut doc).unwrap());
    assert_eq!(doc, after_hello);
    history.redo(&mut doc).unwrap();
    history.redo(&mut doc).unwrap();
    assert!(doc.find(&id("hero")).is_none());
    assert!(!history.can_redo());

    // A new edit after an undo clears the redo stack; seal ends a group.
    history.undo(&mut doc).unwrap();
    let inverse = set_heading(&mut doc, "A");
    history.record(inverse, Some("props:h1"), now + 20);
    assert!(!history.can_redo());
    history.seal();
    let inverse = set_heading(&mut doc, "AB");
    history.record(inverse, Some("props:h1"), now + 30);
    assert_eq!(history.undo_len(), 4);
}

#[test]
fn history_keeps_at_least_two_hundred_steps_and_forgets_the_oldest() {
    const { assert!(DEFAULT_HISTORY_STEPS >= 200) };
    let original = sample();
    let mut doc = original.clone();
    let mut history = History::default();
    for i in 0..DEFAULT_HISTORY_STEPS {
        let inverse = set_heading(&mut doc, &format!("v{i}"));
        history.record(inverse, None, i as u64);
    }
    for _ in 0..DEFAULT_HISTORY_STEPS {
        assert!(history.undo(&mut doc).unwrap());
    }
    assert_eq!(doc, original, "all steps undone");
    let mut small = History::new(3);
    for i in 0..5 {
        let inverse = set_heading(&mut doc, &format!("w{i}"));
        small.record(inverse, None, i);
    }
    assert_eq!(small.undo_len(), 3);
}

#[test]
fn history_leaves_everything_as_it_was_when_an_undo_cannot_apply() {
    let mut doc = sample();
    let mut history = History::default();
    let inverse = apply(&mut doc, Op::Delete { id: id("hero") }).unwrap();
    history.record(inverse, None, 0);
    // Someone re-inserts a node with the same id outside the history.
    apply(
        &mut doc,
        Op::Insert {
            parent: in_node("s2"),
            index: 0,
            node: Node::Block(heading("hero", "Clash")),
        },
    )
    .unwrap();
    let before = doc.clone();
    assert_eq!(
        history.undo(&mut doc),
        Err(OpError::DuplicateId(id("hero")))
    );
    assert_eq!(doc, before);
    assert_eq!(history.undo_len(), 1);
}

#[test]
fn the_methodology_list_matches_the_case_study_vocabulary() {
    let wire: Vec<&str> = Methodology::ALL.iter().map(|m| m.as_str()).collect();
    assert_eq!(
        wire,
        [
            "ab_test",
            "multivariate",
            "causal_analysis",
            "quasi_experiment",
            "geo_experiment",
            "bandit"
        ]
    );
}
