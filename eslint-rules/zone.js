// A local ESLint rule: the direction of the arrows between the folders of
// electron/ (see ARCHITECTURE.md, "Layers"). Each import is resolved against
// the importing file, so `../security/x` inside electron/anpr (the protocol's
// own folder) and a top-level folder of the same name would be told apart,
// which name patterns cannot do.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** `electron/anpr/transport/x.ts` → `electron/anpr/transport/x`, relative to the repo, with forward slashes. */
const fromRoot = (abs) => path.relative(ROOT, abs).split(path.sep).join('/').replace(/\.(ts|tsx|js|mjs)$/, '');
const within = (p, prefix) => p === prefix || p.startsWith(`${prefix}/`);

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers of electron/ (ARCHITECTURE.md).' },
    schema: [
      {
        type: 'object',
        properties: {
          zones: { type: 'array' },
          hosts: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { zones = [], hosts = [] } = context.options[0] ?? {};
    const file = fromRoot(context.filename);
    const test = /\.test$|(^|\/)test-(support\/|helpers$)/.test(file);
    const zone = zones.find((z) => within(file, z.folder));
    const host = hosts.find((h) => within(file, h));
    const check = (node, source, typeOnly) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = fromRoot(path.resolve(path.dirname(context.filename), source));
      const targetHost = hosts.find((h) => within(target, h));
      if (targetHost && targetHost !== host) {
        context.report({ node, message: `Nothing imports a host: ${targetHost} is reached only by starting it.` });
        return;
      }
      if (!zone || test) return;
      if (zone.may.some((m) => within(target, m))) return;
      if (typeOnly && (zone.types ?? []).some((m) => within(target, m))) return;
      context.report({ node, message: `${zone.folder} imports only ${zone.may.join(', ')}${zone.types?.length ? ` (and types from ${zone.types.join(', ')})` : ''}: not ${target}.` });
    };
    return {
      ImportDeclaration(node) {
        const typeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
        check(node, node.source.value, typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value, false);
      },
    };
  },
};
