import { NotFoundMessage } from "../../components/not-found";

export default function NotFound() {
  return <NotFoundMessage />;
}
