import '@mantine/core/styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { getApi } from '../api/index.ts'
import { installErrorReporting } from './log.ts'

// Resolve the transport first: over the bridge this takes the secret out of
// the address bar before anything else can read it.
getApi()
installErrorReporting()

const container = document.getElementById('root')
if (!container) throw new Error('index.html lacks the #root element')
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
