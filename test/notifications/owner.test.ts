import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createServices } from '../../src/services'
import { createConsultation } from '../admin/survey-helpers'
import { useTestApp } from '../support/app'
import { createUser, postForm, signInAs } from '../support/auth'
import { fold, parse } from '../support/html'

const context = useTestApp()

const ownerRow = async (agent: Awaited<ReturnType<typeof signInAs>>['agent'], id: number) => {
  const page = parse((await agent.get(`/admin/consultations/${id}`).expect(200)).text)
  return fold(page('.govuk-summary-list__row:has(dt:contains("Owner")) dd').text())
}

describe('a consultation’s owner', () => {
  it('is the officer who created it, can be changed to another active officer, and the change is audited', async () => {
    const { agent: editor, user } = await signInAs(context.app, context.db, 'editor')
    const form = parse((await editor.get('/admin/consultations/new').expect(200)).text)
    assert.equal(form('#ownerId option:selected').val(), String(user.id), 'the creator is chosen by default')
    assert.equal(form('#ownerId option').first().text(), 'No owner')

    const id = await createConsultation(editor, 'Bin collections')
    assert.equal(await ownerRow(editor, id), 'Test editor')

    const analyst = await createUser(context.db, 'analyst')
    const edit = parse((await editor.get(`/admin/consultations/${id}/edit`).expect(200)).text)
    const fields = Object.fromEntries(
      edit('form input[name]:not([type=checkbox]), form textarea[name]')
        .map((_, el) => [[edit(el).attr('name')!, String(edit(el).val() ?? '')]])
        .get() as [string, string][],
    )
    const save = (ownerId: string) =>
      postForm(editor, `/admin/consultations/${id}/edit`, `/admin/consultations/${id}/edit`, { ...fields, ownerId })

    const leaver = await createUser(context.db, 'editor')
    await createServices(context.db).userService.setActive({ id: user.id, email: user.email }, leaver.id, false)
    const refused = await save(String(leaver.id))
    assert.equal(refused.status, 400)
    assert.equal(fold(parse(refused.text)('#ownerId-error').text()), 'Error: Choose an officer who can sign in')
    assert.equal((await save('abc')).status, 400)

    assert.equal((await save(String(analyst.id))).status, 303)
    assert.equal(await ownerRow(editor, id), 'Test analyst')
    assert.equal((await save('')).status, 303)
    assert.equal(await ownerRow(editor, id), 'No owner')

    const { agent: admin } = await signInAs(context.app, context.db, 'admin')
    const audit = parse((await admin.get(`/admin/audit?consultation=${id}`).expect(200)).text)
    const changes = audit('tbody tr')
      .map((_, row) => fold(audit(row).find('td').eq(4).text()))
      .get()
    assert.deepEqual(changes.slice(0, 2), [`Owner id: ${analyst.id} to none`, `Owner id: ${user.id} to ${analyst.id}`])
  })

  it('is none for consultations made before owners existed', async () => {
    const { agent } = await signInAs(context.app, context.db, 'analyst')
    const seeded = await context.db('consultations').where({ slug: 'substance-misuse-services' }).first('id')
    assert.equal(await ownerRow(agent, seeded.id), 'No owner')
  })
})
