// What one deletion costs Azurite's blob garbage collection in memory: MemoryExtentStore.deleteExtents deletes each
// unreferenced extent with LokiExtentMetadataStore.deleteExtent, a LokiJS findAndRemove on the extents collection
// (indexed by id), which rebuilds the collection's binary index (a sort of every extent) on each call.
//   node tools/bench/azurite/extent-delete-cost.js .tools/azurite 100000 300000 600000
const Loki = require(require("path").resolve(process.argv[2], "node_modules", "lokijs"));
const { randomUUID } = require("crypto");

for (const extents of process.argv.slice(3).map(Number)) {
  const db = new Loki("extents", { persistenceMethod: "memory" });
  const collection = db.addCollection("$EXTENTS_COLLECTION$", { indices: ["id"] }); // as LokiExtentMetadataStore.init
  const ids = [];
  for (let i = 0; i < extents; i++) {
    const id = randomUUID();
    ids.push(id);
    collection.insert({ id, locationId: "memory", path: id, size: 100, LastModifyInMS: i });
  }
  const deletions = 5;
  const start = process.hrtime.bigint();
  for (let i = 0; i < deletions; i++) collection.findAndRemove({ id: ids[i * 997] }); // as LokiExtentMetadataStore.deleteExtent
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / deletions;
  console.log(`${extents} extents: ${ms.toFixed(0)} ms a deleted extent, the event loop blocked; 10 000 deletions: ${(ms * 10000 / 60000).toFixed(0)} min`);
}
