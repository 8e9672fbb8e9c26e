// Leptos 0.8.23's island hydration script (src/hydration/island_script.js,
// MIT licence), kept here so the page can load it without Leptos' resource
// hints (see island_scripts.rs) and with a cheaper island walk (below).
// Compare it with Leptos' on every upgrade.
((root, pkg_path, output_name, wasm_output_name) => {
	function idle(c) {
		if ("requestIdleCallback" in window) {
			window.requestIdleCallback(c);
		} else {
			c();
		}
	}
	// Changed from Leptos': its version walks every element of the page with
	// an `await` per element, which on a long case study added 25-55 ms to
	// the hydration task of a phone-speed CPU (docs/performance.md). Here only the islands
	// are visited, in document order, so an island inside another island's
	// children still hydrates after it and receives that island's children
	// callback.
	async function hydrateIslands(rootNode, mod) {
		for (const island of rootNode.querySelectorAll('leptos-island')) {
			const children = island.parentElement && island.parentElement.closest('leptos-children');
			await hydrateIsland(island, island.dataset.component || null, mod, children && children.$$on_hydrate);
		}
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
