/** The renderer's entry. The dashboards arrive with issue #4. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

function App() {
  return (
    <main>
      <h1>Sextant</h1>
      <p>The dashboards are on their way.</p>
    </main>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
