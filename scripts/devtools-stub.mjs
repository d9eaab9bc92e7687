// Stands in for react-devtools-core, which Ink imports only when DEV=true (not shipped).
export default { initialize() {}, connectToDevTools() {} };
