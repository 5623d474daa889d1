import { Button, Group } from '@mantine/core'
import { useWizard } from '../state/wizard.ts'

interface StepNavProps {
  nextLabel?: string
  /** Runs instead of moving to the next step, for steps that do work. */
  onNext?: () => void
  nextDisabled?: boolean
  nextLoading?: boolean
  showBack?: boolean
  showNext?: boolean
}

/** Back and Next at the foot of every step. */
export function StepNav({
  nextLabel = 'Next',
  onNext,
  nextDisabled = false,
  nextLoading = false,
  showBack = true,
  showNext = true,
}: StepNavProps) {
  const back = useWizard((state) => state.back)
  const next = useWizard((state) => state.next)
  return (
    <Group justify="space-between" mt="lg">
      {showBack ? (
        <Button variant="default" onClick={back}>
          Back
        </Button>
      ) : (
        <span />
      )}
      {showNext && (
        <Button
          onClick={onNext ?? next}
          disabled={nextDisabled}
          loading={nextLoading}
        >
          {nextLabel}
        </Button>
      )}
    </Group>
  )
}
