import { render } from "preact";
import { api } from "./lib/api";

function App() {
  void api.health.$get;
  return <h1>Crux</h1>;
}
render(<App />, document.getElementById("app") as HTMLElement);
