import { Alert, Box, CheckIcon, Flex, Loader, Stepper } from '@mantine/core'
import { useEffect, useRef } from 'react'
import {
  WIZARD_STEPS,
  type WizardStep,
} from '../../../shared/ipc/channels/wizard.ts'
import { stepIndex, useWizard } from '../state/wizard.ts'
import { AuthorizeStep } from './steps/AuthorizeStep.tsx'
import { ChooseDataStep } from './steps/ChooseDataStep.tsx'
import { ConnectStep } from './steps/ConnectStep.tsx'
import { CreateAppStep } from './steps/CreateAppStep.tsx'
import { PullStep } from './steps/PullStep.tsx'
import { TokenStep } from './steps/TokenStep.tsx'
import { WelcomeStep } from './steps/WelcomeStep.tsx'
import { STEP_TITLES } from './steps.ts'
import './wizard.css'

const STEP_COMPONENTS: Record<WizardStep, () => React.JSX.Element> = {
  welcome: WelcomeStep,
  'create-app': CreateAppStep,
  authorize: AuthorizeStep,
  token: TokenStep,
  connect: ConnectStep,
  choose: ChooseDataStep,
  pull: PullStep,
}

/** Props that undo the Stepper's completed look on a step not done. */
const NOT_DONE = {
  completedIcon: ({ step }: { step: number }) => step + 1,
  styles: {
    stepIcon: {
      backgroundColor: 'var(--mantine-color-body)',
      borderColor: 'var(--mantine-color-default-border)',
      color: 'var(--mantine-color-text)',
    },
  },
}

/** Props that give a done step after the active one the completed look. */
const DONE_AHEAD = {
  allowStepSelect: true,
  icon: <CheckIcon size={12} />,
  styles: {
    stepIcon: {
      backgroundColor: 'var(--mantine-primary-color-filled)',
      borderColor: 'var(--mantine-primary-color-filled)',
      color: 'var(--mantine-color-white)',
    },
  },
}

function StepList() {
  const step = useWizard((state) => state.step)
  const goTo = useWizard((state) => state.goTo)
  const done = useWizard((state) => state.done)
  const active = stepIndex(step)
  return (
    <nav aria-label="Setup steps">
      <Stepper
        active={active}
        orientation="vertical"
        size="sm"
        allowNextStepsSelect={false}
        onStepClick={(index) => {
          const target = WIZARD_STEPS[index]
          if (target) goTo(target)
        }}
      >
        {WIZARD_STEPS.map((id, index) => (
          <Stepper.Step
            key={id}
            label={STEP_TITLES[id]}
            aria-current={id === step ? 'step' : undefined}
            data-done={done.includes(id) ? 'true' : 'false'}
            // The Stepper marks every step before the active one completed,
            // so a step only passed over keeps its number and plain look.
            {...(index < active && !done.includes(id) ? NOT_DONE : {})}
            // A step finished earlier, then left by going back, keeps its
            // check mark and stays a link.
            {...(index > active && done.includes(id) ? DONE_AHEAD : {})}
          />
        ))}
      </Stepper>
    </nav>
  )
}

function ErrorBanner() {
  const error = useWizard((state) => state.error)
  const setError = useWizard((state) => state.setError)
  if (!error) return null
  return (
    <Alert
      color="red"
      title="Something went wrong"
      role="alert"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={() => setError(null)}
      mb="md"
    >
      {error.message}
    </Alert>
  )
}

/** Renders the setup wizard: the step list on the left, the current step beside it. */
export function WizardScreen() {
  const loaded = useWizard((state) => state.loaded)
  const load = useWizard((state) => state.load)
  const step = useWizard((state) => state.step)

  const section = useRef<HTMLElement>(null)

  useEffect(() => {
    void load()
  }, [load])

  // A new step starts at its top, with focus on its heading, so keyboard
  // and screen reader users continue from there.
  useEffect(() => {
    const heading = section.current?.querySelector('h1')
    if (!heading) return
    heading.setAttribute('tabindex', '-1')
    heading.focus({ preventScroll: true })
    window.scrollTo({ top: 0 })
  }, [step, loaded])

  if (!loaded) return <Loader aria-label="Loading the wizard" />
  const Current = STEP_COMPONENTS[step]
  return (
    <Flex className="wizard-root" gap="xl" align="flex-start">
      <Box w={210} style={{ flexShrink: 0 }}>
        <StepList />
      </Box>
      <Box
        component="section"
        ref={section}
        aria-label="Current step"
        style={{ flex: 1, minWidth: 0 }}
      >
        <ErrorBanner />
        <Current />
      </Box>
    </Flex>
  )
}
