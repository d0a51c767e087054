import { useState } from 'preact/hooks';
import { normaliseToken } from './token-store';

interface Props {
  /** Why the operator is back here: the gateway's 401 message. */
  rejection: string | null;
  onSignIn: (token: string) => void;
}

export function SignInPage({ rejection, onSignIn }: Props) {
  const [input, setInput] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const token = normaliseToken(input);
    if (token === '') {
      setProblem('Paste a bearer token first.');
      return;
    }
    onSignIn(token);
  };

  return (
    <main class="sign-in">
      <form class="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <p class="brand brand-dark">subsync</p>
        <h1 id="sign-in-title">Sign in to the operator console</h1>
        {rejection !== null && (
          <div class="callout callout-error" role="alert">
            The gateway rejected the token: {rejection}
          </div>
        )}
        <label for="bearer-token">Bearer token</label>
        <textarea
          id="bearer-token"
          rows={5}
          spellcheck={false}
          autoComplete="off"
          placeholder="eyJhbGciOi…"
          value={input}
          onInput={(event) => setInput(event.currentTarget.value)}
        />
        <p class="hint">
          A JWT the gateway accepts. <code>npm start</code> prints a dev token and a link that signs
          you in. It is kept in this tab only.
        </p>
        {problem !== null && (
          <p class="field-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" class="button button-primary">
          Sign in
        </button>
      </form>
    </main>
  );
}
