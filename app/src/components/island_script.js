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
	// still loads once the page is idle, so hydrating on the first touch is
	// quick. The listeners go on now, before the bundle arrives: a touch in
	// between is remembered.
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
	async function hydrateIsland(el, id, mod, children_cb) {
		const islandFn = mod[id];
		if (islandFn) {
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
	idle(() => {
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
