// A local lint rule (see eslint.config.js).
// import-x/no-cycle (eslint-plugin-import-x 4.18.1) hard-codes skipping `import type` and
// all-`type`-specifier imports, with no option to turn that off. This is the same walk with
// those two skips removed, so a cycle made only of type imports is reported too.
// It reuses import-x's module cache and resolver settings (the `./*` export of the package).
import { ModuleInfo } from 'eslint-plugin-import-x/core/index';
import { moduleVisitor, resolve, isExternalModule } from 'eslint-plugin-import-x/utils';

const traversed = new Set();

function routeString(route) {
  return route.map((s) => `${s.value}:${s.loc.start.line}`).join('=>');
}

export default {
  meta: {
    type: 'suggestion',
    docs: { description: 'import-x/no-cycle, counting type-only imports' },
    schema: [{ type: 'object', properties: { maxDepth: { type: 'integer', minimum: 1 }, ignoreExternal: { type: 'boolean' } }, additionalProperties: false }],
    messages: { cycle: 'Dependency cycle detected (type imports count)', cycleSource: 'Dependency cycle via "{{source}}" (type imports count)' },
  },
  create(context) {
    const filename = context.physicalFilename;
    if (filename === '<text>') return {};
    const options = context.options[0] ?? {};
    const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
    const ignoreModule = options.ignoreExternal ? (name) => isExternalModule(name, resolve(name, context), context) : () => false;
    return {
      ...moduleVisitor(function checkSourceValue(sourceNode, importer) {
        if (ignoreModule(sourceNode.value)) return;
        const imported = ModuleInfo.get(sourceNode.value, context);
        if (imported == null || imported.path === filename || traversed.has(imported.path)) return;
        traversed.add(imported.path);
        const untraversed = [{ mget: () => imported, path: imported.path, route: [] }];
        function detectCycle({ mget, route }) {
          const m = mget();
          if (m == null) return false;
          for (const [path, { resolve: next, declarations }] of m.getImports()) {
            if (traversed.has(path)) continue;
            const toTraverse = [...declarations].filter(({ source }) => !ignoreModule(source.value));
            if (toTraverse.length === 0) continue;
            if (path === filename) return true;
            if (route.length + 1 < maxDepth) {
              traversed.add(path);
              untraversed.push({ mget: next, path, route: [...route, toTraverse[0].source] });
            }
          }
          return false;
        }
        while (untraversed.length > 0) {
          const next = untraversed.shift();
          if (detectCycle(next)) {
            for (const { path } of untraversed) traversed.delete(path);
            if (next.route.length > 0) context.report({ node: importer, messageId: 'cycleSource', data: { source: routeString(next.route) } });
            else context.report({ node: importer, messageId: 'cycle' });
            return;
          }
        }
      }),
      'Program:exit'() {
        traversed.clear();
      },
    };
  },
};
