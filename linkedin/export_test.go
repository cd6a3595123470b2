package linkedin

// WriteNetworkerExport lets the external benchmarks import the generated
// export of a heavy networker through the whole service.
var WriteNetworkerExport = writeNetworkerExport
