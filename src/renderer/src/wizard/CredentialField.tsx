import { PasswordInput, Text, TextInput } from '@mantine/core'
import { useEffect, useState, type ReactNode } from 'react'
import { getApi } from '../../api/index.ts'
import type {
  CredentialFieldName,
  FieldNote,
} from '../../../shared/ipc/channels/wizard.ts'
import { useWizard } from '../state/wizard.ts'

/** Wait after the last keystroke before checking, so typing stays smooth. */
const CHECK_DELAY_MS = 250

interface FieldCheck {
  /** The value this check is about; older checks are ignored. */
  value: string
  /** False until main has returned the check of `value`. */
  checked: boolean
  problem: FieldNote | null
  warning: FieldNote | null
  /** The secure URL as the app will use it, once it is valid. */
  normalized: string | null
}

const EMPTY_CHECK: FieldCheck = {
  value: '',
  checked: false,
  problem: null,
  warning: null,
  normalized: null,
}

/** Asks main to check one field as the merchant types it. */
export function useFieldCheck(
  field: CredentialFieldName,
  value: string,
): FieldCheck {
  const [check, setCheck] = useState<FieldCheck>(EMPTY_CHECK)
  useEffect(() => {
    let current = true
    const timer = setTimeout(() => {
      const request = { secureUrl: '', privateKey: '', token: '' }
      request[field] = value
      void getApi()
        .checkCredentials(request)
        .then((result) => {
          if (!current || !result.ok) return
          const { problems, warnings, secureUrl } = result.value
          setCheck({
            value,
            checked: true,
            problem: problems.find((p) => p.field === field) ?? null,
            warning: warnings.find((w) => w.field === field) ?? null,
            normalized: field === 'secureUrl' ? secureUrl : null,
          })
        })
    }, CHECK_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [field, value])
  return check.value === value ? check : { ...EMPTY_CHECK, value }
}

const LABELS: Record<CredentialFieldName, string> = {
  secureUrl: 'Secure URL',
  privateKey: 'Private key',
  token: 'Token',
}

interface CredentialFieldProps {
  field: CredentialFieldName
  description: ReactNode
  placeholder?: string
  autoFocus?: boolean
}

/**
 * Renders a credential input bound to the wizard's draft and checks it as
 * it is typed. An empty field shows its problem only after it loses focus.
 */
export function CredentialField({
  field,
  description,
  placeholder,
  autoFocus,
}: CredentialFieldProps) {
  const value = useWizard((state) => state.draft[field])
  const setDraft = useWizard((state) => state.setDraft)
  const [touched, setTouched] = useState(value !== '')
  const check = useFieldCheck(field, value)
  const showProblem = check.problem && (touched || value !== '')
  const error = showProblem ? check.problem?.message : undefined
  const common = {
    label: LABELS[field],
    description,
    placeholder,
    autoFocus,
    value,
    error,
    required: true,
    autoComplete: 'off',
    spellCheck: false,
    onBlur: () => setTouched(true),
    onChange: (event: { currentTarget: { value: string } }) =>
      setDraft({ [field]: event.currentTarget.value }),
  }
  return (
    <div>
      {field === 'secureUrl' ? (
        <TextInput {...common} type="url" />
      ) : (
        <PasswordInput {...common} />
      )}
      {!error && check.warning && (
        <Text size="sm" mt={4} role="status">
          <strong>Check: </strong>
          {check.warning.message}
        </Text>
      )}
      {!error && !check.warning && check.normalized && (
        <Text size="sm" mt={4} role="status">
          The app will connect to {check.normalized}
        </Text>
      )}
      {field !== 'secureUrl' && check.checked && value && !check.problem && (
        <Text size="sm" mt={4} role="status">
          {LABELS[field]} looks right.
        </Text>
      )}
    </div>
  )
}
