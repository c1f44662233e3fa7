// One lint for the whole tree. Besides the usual TypeScript rules it guards the two structural
// promises of the house (architecture.md): the flow core stays pure and browser-safe, and no
// module imports itself back through a circle.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Packages that do I/O or belong to an outer layer: the pure core may import none of them.
const IO_PACKAGES = [
  'hono',
  '@hono/*',
  'better-sqlite3',
  'drizzle-orm',
  'drizzle-orm/*',
  'pg',
  'pg-boss',
  'openai',
  'openai/*',
  'twilio',
  '@google-cloud/*',
  '@grpc/*',
  '@elevenlabs/*',
  'ws',
  'pino',
  'prom-client',
];

// The only files that may import the Twilio transport (codec, stream tokens, routes, media
// socket): the HTTP app mounts its routes, main.ts and the phone runtime compose it, and the tests
// of the codec and the routes drive it. Everything else speaks ports, audio/ and phone/.
const TWILIO_IMPORTERS = [
  'engine/src/transports/twilio/**',
  'engine/src/http/app.ts',
  'engine/src/main.ts',
  'engine/src/phone/**',
  'test/protocol/phone-routes.test.ts',
  'test/protocol/twilio-caller.test.ts',
  'test/protocol/voice-pipeline.test.ts',
  // The zero-logic relay the turns benchmark measures against speaks Twilio's protocol itself.
  'bench/relay.ts',
  // So does the floor benchmark's relay (issue 25): the least a voice server does per frame.
  'bench/floor/relay-process.ts',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'designer/dist/',
      'data/',
      '.tmp/',
      'coverage/',
      'test-results/',
      '**/*.generated.js',
      '**/*.generated.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { 'import-x': importX },
    settings: {
      // Without a TypeScript parser for dependencies, import-x cannot read them and no-cycle
      // silently finds nothing.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A late-bound variable read by a closure before its one assignment is not a constant.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
    },
  },
  {
    // Tests build deliberately malformed flows and read loosely typed JSON answers.
    files: ['**/*.test.{ts,tsx}', 'test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['designer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Twilio stays at the edge. The allowed importers are this object's `ignores`: a zone's
    // `except` exempts imported paths below `from`, not importing files. It comes before the
    // purity object, which replaces these zones for the flow core with its stricter one.
    files: ['**/*.{ts,tsx}'],
    ignores: TWILIO_IMPORTERS,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: '.',
              from: './engine/src/transports/twilio',
              message:
                'Only http/app.ts, main.ts, phone/ and the codec/route tests import the Twilio transport; use audio/, phone/ or a port.',
            },
          ],
        },
      ],
    },
  },
  {
    // `as never` and `as unknown as` switch the type checker off instead of saying what a value
    // is: outside tests, type it (a type guard, a narrower signature, a schema's inferred type).
    files: ['**/*.{ts,tsx}'],
    ignores: [
      '**/*.test.{ts,tsx}',
      // Not yet typed (vendor SDK typings, the runtime's record field): remove once they are.
      'engine/src/providers/google/speech-to-text.ts',
      'engine/src/providers/twilio/twiml.ts',
      'engine/src/runtime/model-requests.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSAsExpression > TSNeverKeyword.typeAnnotation',
          message: '`as never` hides the type: type the value instead.',
        },
        {
          selector: 'TSAsExpression > TSAsExpression.expression > TSUnknownKeyword.typeAnnotation',
          message: '`as unknown as` hides the type: type the value instead.',
        },
      ],
    },
  },
  {
    // The designer runs the pure core in the browser; from the rest of the engine (the server's
    // wire types in engine/src/http/api-types.ts) it may import types only, which the bundler
    // erases, so no server code or I/O package reaches the bundle.
    files: ['designer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // μ-law (engine/src/audio/mulaw.ts) imports nothing: the test call's worklets use the same table.
              regex: '(^|/)engine/src/(?!flow/|audio/mulaw$)',
              allowTypeImports: true,
              message: 'The designer imports only types from outside engine/src/flow (import type).',
            },
            {
              group: IO_PACKAGES,
              allowTypeImports: true,
              message: 'A server package: the designer may import its types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The pure core: no node:*, no I/O package, nothing from an outer layer of the engine.
    files: ['engine/src/flow/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: IO_PACKAGES, message: 'engine/src/flow is pure: no I/O package here.' }] },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './engine/src/flow',
              from: './engine/src',
              except: ['./flow'],
              message: 'engine/src/flow is pure: it imports no outer layer.',
            },
            // The step kinds and the interpreter meet only in the spec (engine/src/flow/nodes/README):
            // behaviours return what happens next, the interpreter reads the registry.
            {
              target: './engine/src/flow/nodes',
              from: './engine/src/flow/interpreter',
              message: 'A step kind never imports the interpreter: return what happens next (nodes/spec.ts).',
            },
            {
              target: './engine/src/flow/interpreter',
              from: './engine/src/flow/nodes',
              except: ['./index.ts'],
              message: 'The interpreter reads the step kinds through the registry only (nodes/index.ts).',
            },
            {
              target: './engine/src/flow/call',
              from: ['./engine/src/flow/interpreter', './engine/src/flow/nodes'],
              message:
                'flow/call is the toolkit below the interpreter and the step kinds: it imports neither.',
            },
          ],
        },
      ],
    },
  },
);
