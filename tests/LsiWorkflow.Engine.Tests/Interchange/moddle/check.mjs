// Reads each BPMN file given on the command line with bpmn-moddle, the model bpmn-js (bpmn.io, Camunda Modeler)
// imports with, and prints one JSON line per file: the warnings moddle reports (unknown elements or attributes,
// unresolved references) and the diagram problems bpmn-js would trip over (a flow node or flow without a shape,
// an edge with fewer than two waypoints, a shape without bounds).
import { readFile } from 'node:fs/promises';
import { BpmnModdle } from 'bpmn-moddle';

const moddle = new BpmnModdle();
for (const file of process.argv.slice(2)) {
  const problems = [];
  try {
    const { rootElement, warnings } = await moddle.fromXML(await readFile(file, 'utf8'));
    for (const warning of warnings) problems.push(`warning: ${warning.message}`);
    const drawn = new Map();
    for (const diagram of rootElement.diagrams ?? []) {
      for (const element of diagram.plane?.planeElement ?? []) {
        if (!element.bpmnElement) problems.push(`diagram element ${element.id} points at nothing`);
        else drawn.set(element.bpmnElement.id, element);
        if (element.$type === 'bpmndi:BPMNEdge' && (element.waypoint ?? []).length < 2) problems.push(`edge ${element.id} has fewer than two waypoints`);
        if (element.$type === 'bpmndi:BPMNShape' && !element.bounds) problems.push(`shape ${element.id} has no bounds`);
      }
    }
    for (const process of rootElement.rootElements.filter(e => e.$type === 'bpmn:Process')) {
      for (const element of process.flowElements ?? []) {
        if (!drawn.has(element.id)) problems.push(`${element.$type} ${element.id} has no shape or edge`);
        if (element.$type === 'bpmn:SequenceFlow' && (!element.sourceRef || !element.targetRef)) problems.push(`flow ${element.id} is not connected`);
      }
    }
  } catch (error) {
    problems.push(`unreadable: ${error.message}`);
  }
  console.log(JSON.stringify({ file, problems }));
}
