// Leptos 0.8.23's island hydration script (src/hydration/island_script.js,
// MIT licence), kept here so the page can load it without Leptos' resource
// hints (see island_scripts.rs), with a cheaper island walk and with islands
// that wait for the visitor (below). Compare it with Leptos' on every upgrade.
((root, pkg_path, output_name, wasm_output_name) => {
	function idle(c) {
		if ("requestIdleCallback" in window) {
			window.requestIdleCallback(c);
		} else {
			c();
		}
	}
	// Added to Leptos': an island whose view's outer element carries
	// `data-hydrate="on-interaction"` (the lead form) hydrates when the
	// visitor first points at it, touches it or moves focus into it, not
	// when the page loads. It works as a plain form until then, and adopts
	// what was typed when it hydrates; a phone does not spend the hydration
	// on a page the visitor only reads (docs/performance.md). The bundle
	// still loads once the page has painted and is idle, so hydrating on
	// the first touch is quick. The listeners go on now, before the bundle
	// arrives: a touch in between is remembered.
	const WAKE_EVENTS = ["pointerover", "pointerdown", "touchstart", "focusin", "keydown"];
	const waiting = new Map();
	let loaded = null;
	for (const island of document.querySelectorAll("leptos-island")) {
		const view = island.firstElementChild;
		if (!view || view.dataset.hydrate !== "on-interaction") continue;
		const wake = () => {
			for (const type of WAKE_EVENTS) island.removeEventListener(type, wake, true);
			waiting.set(island, true);
			if (loaded) hydrateWoken(loaded);
		};
		waiting.set(island, false);
		for (const type of WAKE_EVENTS) island.addEventListener(type, wake, { capture: true, passive: true });
	}
	function hydrateWoken(mod) {
		for (const [island, woken] of waiting) {
			if (woken) {
				waiting.delete(island);
				hydrateIsland(island, island.dataset.component || null, mod, childrenCallback(island));
			}
		}
	}
	function childrenCallback(island) {
		const children = island.parentElement && island.parentElement.closest("leptos-children");
		return children && children.$$on_hydrate;
	}
	// Changed from Leptos': its version walks every element of the page with
	// an `await` per element, which on a long case study added 25-55 ms to
	// the hydration task of a phone-speed CPU (docs/performance.md). Here only the islands
	// are visited, in document order, so an island inside another island's
	// children still hydrates after it and receives that island's children
	// callback.
	async function hydrateIslands(rootNode, mod) {
		for (const island of rootNode.querySelectorAll("leptos-island")) {
			if (waiting.has(island)) continue;
			await hydrateIsland(island, island.dataset.component || null, mod, childrenCallback(island));
		}
		loaded = mod;
		hydrateWoken(mod);
	}
	// Added to Leptos': the server puts in each page the stylesheet rules
	// the page as sent uses, and links the whole stylesheet with
	// `media="print"` and `data-full-stylesheet` (server::critical_css), so
	// it does not hold back the first paint. Only an island changes the page
	// after that (a class or an element the page was not sent with), so the
	// whole stylesheet applies when the first island hydrates, not when it
	// arrives: applying it restyles every element, and on a page that is
	// only read (a case study, whose lead form waits for the visitor) that
	// was a long task after the first paint, for nothing
	// (docs/performance.md). Pages without islands never need it.
	let wholeStylesheet = false;
	function useWholeStylesheet() {
		if (wholeStylesheet) return;
		wholeStylesheet = true;
		for (const link of document.querySelectorAll("link[data-full-stylesheet]")) {
			if (link.sheet) link.media = "all";
			else link.addEventListener("load", () => { link.media = "all"; }, { once: true });
		}
	}
	async function hydrateIsland(el, id, mod, children_cb) {
		const islandFn = mod[id];
		if (islandFn) {
			useWholeStylesheet();
			if (children_cb) {
				children_cb();
			}
			const res = islandFn(el);
			if (res && res.then) {
				await res;
			}
		} else {
			console.warn(`Could not find WASM function for the island ${id}.`);
		}
	}
	// Changed from Leptos' (which starts at the first idle moment): the
	// bundle's download starts only once the page has painted its content.
	// An idle moment can come before the first paint (the deferred script
	// runs as soon as the document is parsed), and on a slow phone
	// connection the WASM then shares the bandwidth with what the visitor
	// is waiting to see; Lighthouse counted such a request towards the
	// case study's LCP (docs/performance.md). A tab opened in the
	// background paints only when shown, so there it starts at `load`.
	function afterFirstPaint(c) {
		let started = false;
		const start = () => {
			if (started) return;
			started = true;
			idle(c);
		};
		const types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
		if (!types || !types.includes("paint")) {
			start();
			return;
		}
		const painted = (entries) => entries.some(e => e.name === "first-contentful-paint");
		const observer = new PerformanceObserver(list => {
			if (painted(list.getEntries())) {
				observer.disconnect();
				start();
			}
		});
		observer.observe({ type: "paint", buffered: true });
		const startIfHidden = () => {
			if (document.visibilityState === "hidden") start();
		};
		if (document.readyState === "complete") startIfHidden();
		else window.addEventListener("load", startIfHidden, { once: true });
	}
	afterFirstPaint(() => {
		import(`${root}/${pkg_path}/${output_name}.js`)
			.then(mod => {
				mod.default({module_or_path: `${root}/${pkg_path}/${wasm_output_name}.wasm`}).then(() => {
					mod.hydrate();
					hydrateIslands(document.body, mod);
				});

				window.__hydrateIsland = (el, id) => hydrateIsland(el, id, mod);
			})
	});
})
