// Generates src/schema.d.ts from handlers/openapi.yaml with openapi-typescript.
// `node generate.mjs --check` fails instead when the checked-in file differs,
// so that the client never drifts from the document.
//
// One transform (openapi-typescript's documented option): a `format: binary`
// field of a multipart/form-data body is a Blob (a File is one too), which is
// what FormData takes; by default it would be a string, which tsc refuses a
// Blob for. Binary responses stay strings: openapi-fetch reads them with
// parseAs ("blob", "stream").
import fs from "node:fs";
import ts from "typescript";
import openapiTS, { astToString } from "openapi-typescript";

const here = new URL(".", import.meta.url);
const doc = new URL("../../handlers/openapi.yaml", here);
const out = new URL("src/schema.d.ts", here);

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const ast = await openapiTS(doc, {
  transform(schema, { path }) {
    if (schema.format === "binary" && path?.includes("/requestBody/content/multipart~1form-data/")) {
      return BLOB;
    }
    return undefined;
  },
});
const text = astToString(ast);
const header = "// Generated from handlers/openapi.yaml by generate.mjs (openapi-typescript): do not edit.\n\n";

if (process.argv.includes("--check")) {
  const old = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
  if (old !== header + text) {
    console.error("clients/typescript/src/schema.d.ts is not what handlers/openapi.yaml makes: run `npm run generate` in clients/typescript");
    process.exit(1);
  }
} else {
  fs.writeFileSync(out, header + text);
}
