/* it_core.h: export/import attributes for the examples' core modules (C compiled to wasm32).
 *
 * A core module is plain wasm: numbers and memory. EXPORT names a function in
 * the module's exports (the ITL's (module ... (func NAME "export-name" ...))
 * refers to it); IMPORT declares a function the ITL provides through a
 * core-import adapter ((module ... (import "module" (func ... "name" ...)))).
 */
#ifndef IT_CORE_H
#define IT_CORE_H

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

#endif
